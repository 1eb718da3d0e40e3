#nullable enable
using System;
using System.Collections.Generic;

namespace Asphalt.Trees
{
    /// <summary>"Did you mean" hints for typed names: aliases, option keys, top-level keys.</summary>
    internal static class NearMatch
    {
        /// <summary>" (did you mean 'x'?)" for a close match: same letters ignoring case, or at most two edits.</summary>
        public static string DidYouMean(string written, IEnumerable<string> candidates)
        {
            string? best = null;
            var bestDistance = 3;
            foreach (var candidate in candidates)
            {
                var distance = string.Equals(candidate, written, StringComparison.OrdinalIgnoreCase)
                    ? 0
                    : Distance(candidate.ToLowerInvariant(), written.ToLowerInvariant());
                if (distance < bestDistance && distance <= (written.Length <= 3 ? 1 : 2))
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            return best is null ? string.Empty : $" (did you mean '{best}'?)";
        }

        /// <summary>Edit distance where swapping two neighbouring letters counts once (typos like 'prot').</summary>
        private static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (var i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }

            for (var j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                    }
                }
            }

            return d[a.Length, b.Length];
        }
    }
}
