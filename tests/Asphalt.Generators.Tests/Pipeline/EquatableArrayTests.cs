using Asphalt.Generators.Common;

namespace Asphalt.Generators.Tests.Pipeline;

public sealed class EquatableArrayTests
{
    [Fact]
    public void Equal_contents_are_equal_with_equal_hash_codes()
    {
        var a = new EquatableArray<string>(["x", "y"]);
        var b = new[] { "x", "y" }.ToEquatableArray();
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Different_contents_or_order_are_not_equal()
    {
        var a = new EquatableArray<string>(["x", "y"]);
        Assert.NotEqual(a, new EquatableArray<string>(["y", "x"]));
        Assert.NotEqual(a, new EquatableArray<string>(["x"]));
    }

    [Fact]
    public void Default_and_empty_are_equal()
    {
        Assert.Equal(default, EquatableArray<string>.Empty);
        Assert.Empty(default(EquatableArray<string>));
    }
}
