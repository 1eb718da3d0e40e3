using Asphalt.Generators.Diagnostics;
using Asphalt.Tests.Shared;

namespace Asphalt.Generators.Tests.Diagnostics;

/// <summary>Every wiring descriptor has an ID constant, a doc page with the right title, a matching help link, a release entry, and is supported by the analyzer.</summary>
public sealed class DiagnosticDocsTests
{
    public static TheoryData<string> Ids() => new(DiagnosticDocs.DescriptorsIn(typeof(DiagnosticDescriptors)).Select(d => d.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_has_doc_page_with_title_and_help_link(string id)
    {
        var descriptor = DiagnosticDocs.DescriptorsIn(typeof(DiagnosticDescriptors)).Single(d => d.Id == id);
        DiagnosticDocs.AssertDocPage(descriptor);
        Assert.Equal(DiagnosticIds.HelpUri(id), descriptor.HelpLinkUri);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_is_tracked_declared_and_supported(string id)
    {
        DiagnosticDocs.AssertTracked(id, "Asphalt.Generators", typeof(DiagnosticIds));
        Assert.Contains(new WiringAnalyzer().SupportedDiagnostics, d => d.Id == id);
    }

    [Fact]
    public void Every_wiring_doc_page_has_a_descriptor() =>
        DiagnosticDocs.AssertEveryPageHasDescriptor("ASPH0*.md", DiagnosticDocs.DescriptorsIn(typeof(DiagnosticDescriptors)));
}
