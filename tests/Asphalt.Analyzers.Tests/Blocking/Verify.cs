using System.Collections.Immutable;
using Asphalt.Analyzers.Blocking;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Asphalt.Analyzers.Tests.Blocking;

/// <summary>Runs both blocking analyzers together, as a build does.</summary>
internal sealed class BlockingTest : CSharpAnalyzerTest<BlockingCallAnalyzer, DefaultVerifier>
{
    public BlockingTest()
    {
        // net8.0 reference pack, restored from NuGet once and cached.
        ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
    }

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
        [new BlockingCallAnalyzer(), new TransitiveBlockingCallAnalyzer()];
}

internal static class Verify
{
    public const string Usings = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Data.Common;
        using System.Diagnostics;
        using System.IO;
        using System.Linq;
        using System.Net;
        using System.Net.Http;
        using System.Net.Sockets;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    public static async Task AnalyzeAsync(string source, params DiagnosticResult[] expected) =>
        await AnalyzeAsync(source, null, expected);

    public static async Task AnalyzeAsync(string source, string? blockingApis, params DiagnosticResult[] expected)
    {
        var test = new BlockingTest { TestCode = Usings + source };
        if (blockingApis is not null)
        {
            test.TestState.AdditionalFiles.Add(("AsphaltBlockingApis.txt", blockingApis));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>ASPH1002 at markup location 0 with the leaf at markup location 1.</summary>
    public static DiagnosticResult Chain() =>
        Transitive(0, 1);

    /// <summary>ASPH1002 at one markup location with its leaf at another; the message is not checked.</summary>
    public static DiagnosticResult Transitive(int call, int leaf) =>
        new DiagnosticResult(DiagnosticIds.TransitiveBlockingCall, DiagnosticSeverity.Warning).WithLocation(call).WithLocation(leaf);

    /// <summary>ASPH1001 at a markup location; the message is not checked.</summary>
    public static DiagnosticResult Direct(int location) =>
        new DiagnosticResult(DiagnosticIds.BlockingCallInAsyncPath, DiagnosticSeverity.Warning).WithLocation(location);

    /// <summary>ASPH1002 with its whole message: the chain and the leaf's advice.</summary>
    public static DiagnosticResult Chain(string chain, string leafAdvice) =>
        new DiagnosticResult(DiagnosticDescriptors.TransitiveBlockingCall).WithLocation(0).WithLocation(1).WithArguments(chain.Split(" → ")[0], chain, "make the chain async and " + leafAdvice + ", or offload the call with Offload.RunAsync");

    public static async Task FixAsync<TAnalyzer, TFix>(string source, string fixedSource, string? equivalenceKey = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        {
            TestCode = Usings + source,
            FixedCode = Usings + fixedSource,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        test.TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
        await test.RunAsync();
    }
}
