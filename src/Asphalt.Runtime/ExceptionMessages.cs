namespace Asphalt;

/// <summary>Joins the messages of several exceptions into one.</summary>
/// <remarks>
/// A loop rather than LINQ's <c>Select</c>: <c>Select</c> is a generic virtual method, and one call
/// to such a method makes NativeAOT ship its runtime type loader in every application.
/// </remarks>
internal static class ExceptionMessages
{
    public static string Join(string separator, IReadOnlyList<Exception> exceptions)
    {
        var messages = new string[exceptions.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = exceptions[i].Message;
        }

        return string.Join(separator, messages);
    }
}
