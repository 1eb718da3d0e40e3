using System.ComponentModel;

namespace Asphalt;

/// <summary>
/// Collects the problems of one component's configuration section while generated binding goes on,
/// so a section with a typo, a bad value and a missing key reports all three at once.
/// </summary>
/// <remarks>Public so generated code can use it; not meant to be used by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ConfigurationProblems
{
    private readonly List<ConfigurationBindingException> _problems = [];

    /// <summary>How many problems were found so far.</summary>
    public int Count => _problems.Count;

    /// <summary>Records a problem.</summary>
    public void Add(ConfigurationBindingException problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        _problems.AddRange(problem.Problems);
    }

    /// <summary>
    /// Throws when anything was found: the problem itself when there is one (its message unchanged),
    /// otherwise one <see cref="ConfigurationBindingException"/> listing all of them.
    /// </summary>
    /// <exception cref="ConfigurationBindingException">At least one problem was recorded.</exception>
    public void ThrowIfAny()
    {
        switch (_problems.Count)
        {
            case 0:
                return;
            case 1:
                throw _problems[0];
            default:
                throw new ConfigurationBindingException([.. _problems]);
        }
    }
}
