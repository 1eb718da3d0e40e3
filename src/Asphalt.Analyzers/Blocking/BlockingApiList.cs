using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Asphalt.Analyzers.Blocking
{
    /// <summary>
    /// The user's additions to and silences of the blocking catalogue, read from an AdditionalFiles
    /// item named <c>AsphaltBlockingApis.txt</c>. One documentation-comment ID per line
    /// (<c>M:Ns.Type.Method(System.String)</c>, <c>M:Ns.Type.Method</c> for every overload,
    /// <c>P:Ns.Type.Property</c>, <c>T:Ns.Type</c> for every member); an optional
    /// <c>;AsyncName</c> suffix names the awaitable replacement; a leading <c>!</c> silences the
    /// entry instead; <c>#</c> starts a comment.
    /// </summary>
    internal sealed class BlockingApiList
    {
        /// <summary>The AdditionalFiles name the analyzers read.</summary>
        public const string FileName = "AsphaltBlockingApis.txt";

        public static readonly BlockingApiList Empty = new BlockingApiList(
            ImmutableDictionary<string, string?>.Empty, ImmutableHashSet<string>.Empty);

        private readonly ImmutableDictionary<string, string?> _added;
        private readonly ImmutableHashSet<string> _silenced;

        private BlockingApiList(ImmutableDictionary<string, string?> added, ImmutableHashSet<string> silenced)
        {
            _added = added;
            _silenced = silenced;
        }

        public bool IsEmpty => _added.Count == 0 && _silenced.Count == 0;

        public static BlockingApiList Read(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
        {
            var added = ImmutableDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
            var silenced = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                if (!string.Equals(Path.GetFileName(file.Path), FileName, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var text = file.GetText(cancellationToken);
                if (text is null)
                {
                    continue;
                }

                foreach (var line in text.Lines)
                {
                    Parse(line.ToString(), added, silenced);
                }
            }

            return added.Count == 0 && silenced.Count == 0 ? Empty : new BlockingApiList(added.ToImmutable(), silenced.ToImmutable());
        }

        private static void Parse(string raw, ImmutableDictionary<string, string?>.Builder added, ImmutableHashSet<string>.Builder silenced)
        {
            var hash = raw.IndexOf('#');
            var line = (hash >= 0 ? raw.Substring(0, hash) : raw).Trim();
            if (line.Length == 0)
            {
                return;
            }

            if (line[0] == '!')
            {
                silenced.Add(line.Substring(1).Trim());
                return;
            }

            string? asyncName = null;
            var semicolon = line.IndexOf(';');
            if (semicolon >= 0)
            {
                asyncName = line.Substring(semicolon + 1).Trim();
                line = line.Substring(0, semicolon).Trim();
                if (asyncName.Length == 0)
                {
                    asyncName = null;
                }
            }

            added[line] = asyncName;
        }

        /// <summary>Looks a member up: silenced wins over added.</summary>
        public bool TryLookup(ISymbol member, out bool silenced, out string? asyncName)
        {
            silenced = false;
            asyncName = null;
            if (IsEmpty)
            {
                return false;
            }

            foreach (var id in CandidateIds(member))
            {
                if (_silenced.Contains(id))
                {
                    silenced = true;
                    return true;
                }
            }

            foreach (var id in CandidateIds(member))
            {
                if (_added.TryGetValue(id, out asyncName))
                {
                    return true;
                }
            }

            return false;
        }

        private static IEnumerable<string> CandidateIds(ISymbol member)
        {
            var id = DocumentationCommentId.CreateDeclarationId(member.OriginalDefinition);
            if (id is null)
            {
                yield break;
            }

            yield return id;
            var paren = id.IndexOf('(');
            if (paren > 0)
            {
                yield return id.Substring(0, paren);
            }

            if (member.ContainingType is { } type && DocumentationCommentId.CreateDeclarationId(type.OriginalDefinition) is { } typeId)
            {
                yield return typeId;
            }
        }
    }
}
