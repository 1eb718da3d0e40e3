namespace Asphalt.Analyzers { internal static class Placeholder {} }
