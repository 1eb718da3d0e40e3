namespace Asphalt.Generators { internal static class Placeholder {} }
