using System.Reflection;
using Asphalt.Generators.Tests.Harness;

namespace Asphalt.Generators.Tests.Options;

/// <summary>
/// DataAnnotations attributes and <c>IValidatableObject</c> on options, checked by the generated
/// binder: compiled, run against in-memory configuration, each attribute valid and invalid.
/// </summary>
public sealed class ValidationAttributeTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Threading.Tasks;
        using Asphalt;
        using Microsoft.Extensions.Configuration;

        namespace Demo;

        public sealed class CheckedOptions
        {
            [Required] public string? Name { get; set; }
            [Required] public string Owner { get; set; } = "me";
            [StringLength(8, MinimumLength = 2)] public string Code { get; set; } = "ab";
            [MinLength(3)] public string Word { get; set; } = "abc";
            [MaxLength(4)] public string Short { get; set; } = "";
            [MinLength(2)] public List<string> Hosts { get; set; } = new() { "a", "b" };
            [MaxLength(2)] public string[] Tags { get; set; } = [];
            [RegularExpression("^[a-z]+$")] public string? Slug { get; set; }
            [EmailAddress] public string? Contact { get; set; }
        }

        public sealed class RangeCheck : IValidatableObject
        {
            public int Low { get; set; }
            public int High { get; set; } = 10;

            public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
            {
                if (Low > High)
                {
                    yield return new ValidationResult("Low must not exceed High", new[] { nameof(Low), nameof(High) });
                }
            }
        }

        [Component("checked")]
        public sealed partial class Checked(CheckedOptions options) { public CheckedOptions Options => options; }

        [Component("ranged")]
        public sealed partial class Ranged(RangeCheck options) { public RangeCheck Options => options; }

        public static class Scenario
        {
            public static Task<string> BindAsync(string component, IEnumerable<KeyValuePair<string, string?>> values)
            {
                var root = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
                try
                {
                    if (component == "ranged")
                    {
                        var r = Ranged.Create(root.GetSection("ranged")).Options;
                        return Task.FromResult($"Low={r.Low}; High={r.High}");
                    }

                    var o = Checked.Create(root.GetSection("checked")).Options;
                    return Task.FromResult($"Name={o.Name}; Code={o.Code}; Hosts={o.Hosts.Count}; Tags={o.Tags.Length}; Slug={o.Slug}; Contact={o.Contact}");
                }
                catch (ConfigurationBindingException error)
                {
                    return Task.FromResult($"error at {error.Path} expecting {error.Expected}: {error.Message}");
                }
            }
        }
        """;

    private static readonly Lazy<Task<Assembly>> Assembly = new(() => GeneratorHarness.BuildAndLoadAsync(Source));

    private static async Task<string> BindAsync(string component, params (string Key, string Value)[] values) =>
        await GeneratorHarness.InvokeAsync<string>(await Assembly.Value, "Demo.Scenario", "BindAsync", component,
            values.Select(v => new KeyValuePair<string, string?>(component + ":" + v.Key, v.Value)).ToList());

    private static Task<string> BindCheckedAsync(params (string Key, string Value)[] values) =>
        BindAsync("checked", [("Name", "n"), .. values]);

    [Fact]
    public async Task The_options_compile_clean()
    {
        var program = await GeneratorHarness.AnalyzeAsync(Source);
        program.AssertClean();
    }

    [Fact]
    public async Task Valid_values_bind()
    {
        Assert.Equal(
            "Name=n; Code=abcdefgh; Hosts=3; Tags=2; Slug=abc; Contact=a@b.example",
            await BindCheckedAsync(("Code", "abcdefgh"), ("Word", "abcd"), ("Short", "abcd"), ("Hosts:0", "x"), ("Hosts:1", "y"), ("Hosts:2", "z"),
                ("Tags:0", "t"), ("Tags:1", "u"), ("Slug", "abc"), ("Contact", "a@b.example")));
    }

    [Fact]
    public async Task Required_is_an_error_when_missing_or_empty_and_a_default_satisfies_it()
    {
        Assert.Equal(
            "error at checked:Name expecting String: Required configuration key 'checked:Name' (String) is missing.",
            await BindAsync("checked"));
        Assert.Equal(
            "error at checked:Name expecting non-empty String: Configuration value ' ' at 'checked:Name' is not a valid non-empty String.",
            await BindAsync("checked", ("Name", " ")));
        Assert.StartsWith("error at checked:Owner expecting non-empty String", await BindCheckedAsync(("Owner", "")));
        Assert.StartsWith("Name=n;", await BindCheckedAsync()); // Owner keeps its default "me".
    }

    [Fact]
    public async Task String_length_checks_the_maximum_and_the_minimum_length()
    {
        Assert.Equal(
            "error at checked:Code expecting String of 2 to 8 characters: Configuration value 'abcdefghi' at 'checked:Code' is not a valid String of 2 to 8 characters.",
            await BindCheckedAsync(("Code", "abcdefghi")));
        Assert.StartsWith("error at checked:Code expecting String of 2 to 8 characters", await BindCheckedAsync(("Code", "a")));
        Assert.StartsWith("Name=n; Code=ab;", await BindCheckedAsync(("Code", "ab")));
    }

    [Fact]
    public async Task Min_and_max_length_check_strings()
    {
        Assert.StartsWith("error at checked:Word expecting String of at least 3 characters", await BindCheckedAsync(("Word", "ab")));
        Assert.StartsWith("error at checked:Short expecting String of at most 4 characters", await BindCheckedAsync(("Short", "abcde")));
        Assert.StartsWith("Name=n;", await BindCheckedAsync(("Word", "abc"), ("Short", "abcd")));
    }

    [Fact]
    public async Task Min_and_max_length_check_lists_and_arrays()
    {
        Assert.Equal(
            "error at checked:Hosts expecting list of at least 2 items: Configuration key 'checked:Hosts' has 1 item; expected a list of at least 2 items.",
            await BindCheckedAsync(("Hosts:0", "x")));
        Assert.StartsWith("error at checked:Tags expecting list of at most 2 items", await BindCheckedAsync(("Tags:0", "a"), ("Tags:1", "b"), ("Tags:2", "c")));
        Assert.StartsWith("Name=n; Code=ab; Hosts=2; Tags=1;", await BindCheckedAsync(("Hosts:0", "x"), ("Hosts:1", "y"), ("Tags:0", "a")));
    }

    [Fact]
    public async Task Regular_expression_must_match_the_whole_value()
    {
        Assert.Equal(
            "error at checked:Slug expecting String matching ^[a-z]+$: Configuration value 'Abc' at 'checked:Slug' is not a valid String matching ^[a-z]+$.",
            await BindCheckedAsync(("Slug", "Abc")));
        Assert.StartsWith("error at checked:Slug", await BindCheckedAsync(("Slug", "abc1")));
        Assert.Contains("Slug=abc;", await BindCheckedAsync(("Slug", "abc")));
    }

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("@example.org")]
    [InlineData("user@")]
    [InlineData("a@b@c")]
    public async Task Email_address_needs_one_at_sign_neither_first_nor_last(string value)
    {
        Assert.Equal(
            $"error at checked:Contact expecting email address: Configuration value '{value}' at 'checked:Contact' is not a valid email address.",
            await BindCheckedAsync(("Contact", value)));
    }

    [Fact]
    public async Task A_valid_email_address_binds()
    {
        Assert.EndsWith("Contact=ops@example.org", await BindCheckedAsync(("Contact", "ops@example.org")));
    }

    [Fact]
    public async Task Every_failed_attribute_of_a_section_is_reported_in_one_exception()
    {
        // A [Required] member's default is judged once the values bound, as .NET validates the bound
        // object: here Name is set, so the three bad values are the problems.
        var result = await BindCheckedAsync(("Code", "a"), ("Slug", "A"), ("Contact", "x"));
        Assert.Contains("The configuration has 3 problems:", result);
        Assert.Contains("'checked:Code'", result);
        Assert.Contains("'checked:Slug'", result);
        Assert.Contains("'checked:Contact'", result);
    }

    [Fact]
    public async Task Validatable_object_results_are_reported_with_their_member_names()
    {
        Assert.Equal("Low=1; High=10", await BindAsync("ranged", ("Low", "1")));
        Assert.Equal(
            "error at ranged:Low expecting valid RangeCheck: Configuration at 'ranged' is not a valid RangeCheck: Low must not exceed High (members: ranged:Low, ranged:High).",
            await BindAsync("ranged", ("Low", "11")));
    }
}
