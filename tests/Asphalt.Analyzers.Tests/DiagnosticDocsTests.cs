using Asphalt.Tests.Shared;

namespace Asphalt.Analyzers.Tests;

/// <summary>Every descriptor has an ID constant, a doc page with the right title, a matching help link and a release entry.</summary>
public class DiagnosticDocsTests
{
    public static TheoryData<string> Ids() => new(DiagnosticDocs.DescriptorsIn(typeof(DiagnosticDescriptors)).Select(d => d.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_has_doc_page_with_title_and_help_link(string id) =>
        DiagnosticDocs.AssertDocPage(DiagnosticDocs.DescriptorsIn(typeof(DiagnosticDescriptors)).Single(d => d.Id == id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_is_in_release_tracking_and_ids(string id) =>
        DiagnosticDocs.AssertTracked(id, "Asphalt.Analyzers", typeof(DiagnosticIds));

    [Fact]
    public void Every_doc_page_has_a_descriptor() =>
        DiagnosticDocs.AssertEveryPageHasDescriptor("ASPH1*.md", DiagnosticDocs.DescriptorsIn(typeof(DiagnosticDescriptors)));
}
