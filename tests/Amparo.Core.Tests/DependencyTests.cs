using System.Reflection;
using Amparo.Core;

namespace Amparo.Core.Tests;

public class DependencyTests
{
    [Fact]
    public void Core_references_nothing_but_the_framework()
    {
        var core = typeof(Conversation).Assembly;
        var references = core.GetReferencedAssemblies();

        references.ShouldNotBeEmpty();
        foreach (var reference in references)
        {
            string name = reference.Name!;
            (name == "netstandard" || name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal))
                .ShouldBeTrue($"Amparo.Core references {reference.FullName}");

            // Framework assemblies are signed with one of Microsoft's keys; a package or project named System.* is not.
            var loaded = Assembly.Load(reference);
            string dir = Path.GetDirectoryName(loaded.Location)!;
            dir.ShouldBe(Path.GetDirectoryName(typeof(object).Assembly.Location), $"{name} is not a framework assembly (loaded from {dir})");
        }
    }
}
