namespace Asphalt;

/// <summary>
/// One or more teardown callbacks (or disposals of owned resources) failed while a context closed.
/// Every callback still ran; <see cref="AggregateException.InnerExceptions"/> holds each failure,
/// in the order they happened, each wrapped in a <see cref="TeardownCallbackException"/> that names its owner.
/// </summary>
public sealed class TeardownException : AggregateException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failures">The failures, in the order they happened.</param>
    /// <param name="closingException">The exception that ended the context, or null on a clean close.</param>
    public TeardownException(IReadOnlyList<TeardownCallbackException> failures, Exception? closingException)
        : base(FormatMessage(failures), failures)
    {
        Failures = failures;
        ClosingException = closingException;
    }

    /// <summary>Each failed callback, in the order they ran.</summary>
    public IReadOnlyList<TeardownCallbackException> Failures { get; }

    /// <summary>The exception that ended the context, or null if it closed cleanly.</summary>
    public Exception? ClosingException { get; }

    private static string FormatMessage(IReadOnlyList<TeardownCallbackException> failures) =>
        $"{failures.Count} teardown callback(s) failed: "
        + ExceptionMessages.Join("; ", failures);
}
