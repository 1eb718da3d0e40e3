namespace Asphalt.Analyzers
{
    /// <summary>The IDs of every diagnostic the Asphalt analyzers report.</summary>
    public static class DiagnosticIds
    {
        /// <summary>A blocking call directly on an async path.</summary>
        public const string BlockingCallInAsyncPath = "ASPH1001";

        /// <summary>A blocking call reached from an async path through synchronous calls.</summary>
        public const string TransitiveBlockingCall = "ASPH1002";
    }
}
