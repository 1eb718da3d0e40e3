#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;

namespace Asphalt.Trees
{
    /// <summary>
    /// Start stages over (component, step) nodes, as the runtime starts a tree: a component's start
    /// step runs after its prepare step and after its children started; a child begins after its
    /// parent prepared; a step that takes a resource waits for the step that publishes it. A
    /// component's stage is the longest chain of waits before its start step can finish.
    /// </summary>
    internal sealed class StartOrder
    {
        private readonly List<TreeNode> _components;
        private readonly List<int>[] _waitsFor;

        public StartOrder(List<TreeNode> components, IEnumerable<(TreeNode Consumer, TreeStep Step, TreeNode Provider, TreeStep ProviderStep)> resourceWaits)
        {
            _components = components;
            var index = new Dictionary<TreeNode, int>();
            for (var i = 0; i < components.Count; i++)
            {
                index[components[i]] = i;
            }

            _waitsFor = Enumerable.Range(0, components.Count * 2).Select(_ => new List<int>()).ToArray();
            for (var i = 0; i < components.Count; i++)
            {
                _waitsFor[Id(i, TreeStep.Start)].Add(Id(i, TreeStep.Prepare));
                foreach (var child in components[i].Children)
                {
                    _waitsFor[Id(i, TreeStep.Start)].Add(Id(index[child], TreeStep.Start));
                    _waitsFor[Id(index[child], TreeStep.Prepare)].Add(Id(i, TreeStep.Prepare));
                }
            }

            foreach (var wait in resourceWaits)
            {
                _waitsFor[Id(index[wait.Consumer], wait.Step)].Add(Id(index[wait.Provider], wait.ProviderStep));
            }
        }

        /// <summary>Components grouped by stage, each stage sorted by path; <paramref name="cyclic"/> lists the components of a cycle, if any.</summary>
        public List<IReadOnlyList<string>> Stages(out List<TreeNode> cyclic)
        {
            var depth = new int?[_waitsFor.Length];
            var onPath = new List<int>();
            var isOnPath = new bool[_waitsFor.Length]; // Membership in O(1): a chain of N components is N deep.
            List<int>? cycle = null;
            var stages = _components
                .Select((component, i) => (component.Path, Depth: DepthOf(Id(i, TreeStep.Start))))
                .GroupBy(c => c.Depth)
                .OrderBy(g => g.Key)
                .Select(g => (IReadOnlyList<string>)g.Select(c => c.Path).OrderBy(p => p, StringComparer.Ordinal).ToList())
                .ToList();
            cyclic = cycle?.Select(id => _components[id / 2]).Distinct().ToList() ?? new List<TreeNode>();
            return stages;

            int DepthOf(int id)
            {
                if (depth[id] is { } known)
                {
                    return known;
                }

                if (isOnPath[id])
                {
                    cycle ??= onPath.Skip(onPath.IndexOf(id)).ToList();
                    return 0; // Reported as a cycle; broken here.
                }

                onPath.Add(id);
                isOnPath[id] = true;
                var value = _waitsFor[id].Count == 0 ? 0 : _waitsFor[id].Max(DepthOf) + 1;
                onPath.RemoveAt(onPath.Count - 1);
                isOnPath[id] = false;
                depth[id] = value;
                return value;
            }
        }

        private static int Id(int component, TreeStep step) => component * 2 + (step == TreeStep.Prepare ? 0 : 1);
    }
}
