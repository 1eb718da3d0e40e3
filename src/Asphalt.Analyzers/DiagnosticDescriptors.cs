using Microsoft.CodeAnalysis;

namespace Asphalt.Analyzers
{
    /// <summary>The descriptors of every diagnostic the Asphalt analyzers report.</summary>
    public static class DiagnosticDescriptors
    {
        private const string HelpBase = "https://github.com/asphalt-dotnet/asphalt/blob/main/docs/diagnostics/";

        /// <summary>ASPH1001: a blocking call directly on an async path.</summary>
        public static readonly DiagnosticDescriptor BlockingCallInAsyncPath = new DiagnosticDescriptor(
            DiagnosticIds.BlockingCallInAsyncPath,
            title: "Blocking call on an async path",
            messageFormat: "'{0}' blocks the thread on an async path; {1}",
            category: "Asphalt.Blocking",
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A call that waits for a task, a lock, a timer or synchronous I/O ties up a thread-pool thread for the whole wait and starves the pool under load.",
            helpLinkUri: HelpBase + DiagnosticIds.BlockingCallInAsyncPath + ".md");

        /// <summary>ASPH1002: a blocking call reached through synchronous calls.</summary>
        public static readonly DiagnosticDescriptor TransitiveBlockingCall = new DiagnosticDescriptor(
            DiagnosticIds.TransitiveBlockingCall,
            title: "Blocking call reached through synchronous calls",
            messageFormat: "'{0}' blocks the async path through synchronous calls: {1}; {2}",
            category: "Asphalt.Blocking",
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A synchronous helper called from an async path blocks, directly or several calls deeper. The diagnostic shows the whole chain and points at the blocking call as an additional location.",
            helpLinkUri: HelpBase + DiagnosticIds.TransitiveBlockingCall + ".md");
    }
}
