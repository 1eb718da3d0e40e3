using System.Text;

namespace Asphalt;

/// <summary>Readable type names for messages (<c>List&lt;String&gt;</c>, not <c>List`1[[...]]</c>).</summary>
internal static class TypeNames
{
    public static string Display(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.FullName ?? type.Name;
        }

        var builder = new StringBuilder();
        var name = type.GetGenericTypeDefinition().FullName ?? type.Name;
        var tick = name.IndexOf('`');
        builder.Append(tick < 0 ? name : name[..tick]).Append('<');
        var arguments = type.GetGenericArguments();
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(Display(arguments[i]));
        }

        return builder.Append('>').ToString();
    }
}
