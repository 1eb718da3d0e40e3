#!/usr/bin/env python3
"""Writes one reference application in several wirings, for the start-up comparison.

The shape: N components in a DAG. Component k consumes the resources of components k-1 and k-2
(when they exist) and provides resource R{k}. Every variant starts all N components, prints
"ready" once and exits 0, so hyperfine measures start-to-exit of the same work.

Variants:
  handwired        plain `new` and direct calls, the floor
  asphalt-runtime  Asphalt's Runtime used by hand (Component subclasses, GetResourceAsync/AddResource)
  asphalt          Asphalt attributes, wired by the source generator
  hosting          Microsoft.Extensions.Hosting: N singletons + N hosted services, empty builder

usage: generate_apps.py OUT_DIR N [N ...]
"""
import os
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def deps(k):
    return [d for d in (k - 1, k - 2) if d >= 0]


def csproj(extra_items, out_dir):
    runtime = os.path.relpath(os.path.join(REPO, "src/Asphalt.Runtime/Asphalt.Runtime.csproj"), out_dir)
    generator = os.path.relpath(os.path.join(REPO, "src/Asphalt.Generators/Asphalt.Generators.csproj"), out_dir)
    items = extra_items.replace("{runtime}", runtime).replace("{generator}", generator)
    return f"""<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <InvariantGlobalization>true</InvariantGlobalization>
    <PublishAot>true</PublishAot>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
{items}
  </ItemGroup>
</Project>
"""


def resources(n):
    lines = []
    for k in range(n):
        params = ", ".join(f"R{d} r{d}" for d in deps(k))
        lines.append(f"public sealed class R{k}({params}) {{ public int Depth {{ get; }} = {k}; }}")
    return "\n".join(lines)


def handwired(n):
    body = []
    for k in range(n):
        args = ", ".join(f"r{d}" for d in deps(k))
        body.append(f"var r{k} = await new C{k}().StartAsync({args});")
    comps = []
    for k in range(n):
        params = ", ".join(f"R{d} r{d}" for d in deps(k))
        args = ", ".join(f"r{d}" for d in deps(k))
        comps.append(f"public sealed class C{k} {{ public ValueTask<R{k}> StartAsync({params}) => ValueTask.FromResult(new R{k}({args})); }}")
    program = "\n".join(body) + '\nConsole.WriteLine("ready");\nreturn 0;\n'
    return program + "\n" + "\n".join(comps) + "\n" + resources(n) + "\n", ""


def asphalt_runtime(n):
    comps = []
    for k in range(n):
        gets = "".join(f"        var r{d} = await context.GetResourceAsync<R{d}>(\"default\", cancellationToken);\n" for d in deps(k))
        args = ", ".join(f"r{d}" for d in deps(k))
        comps.append(f"""public sealed class C{k} : Component
{{
    public override async ValueTask StartAsync(Context context, CancellationToken cancellationToken)
    {{
{gets}        context.AddResource(new R{k}({args}));
    }}
}}""")
    adds = "\n".join(f'        AddComponent("c{k}", new C{k}());' for k in range(n))
    program = f"""using Asphalt;
using Microsoft.Extensions.Logging;

return await Application.RunAsync(new App(), new ApplicationOptions {{ MinimumLogLevel = LogLevel.Warning }});

public sealed class App : CliApplicationComponent
{{
    public App()
    {{
{adds}
    }}

    public override Task<int?> RunAsync(Context context, CancellationToken cancellationToken)
    {{
        Console.WriteLine("ready");
        return Task.FromResult<int?>(0);
    }}
}}
"""
    return program + "\n".join(comps) + "\n" + resources(n) + "\n", '    <ProjectReference Include="{runtime}" />'


def asphalt_generated(n):
    comps = []
    for k in range(n):
        params = ", ".join(f"R{d} r{d}" for d in deps(k))
        args = ", ".join(f"r{d}" for d in deps(k))
        comps.append(f"""[Component("c{k}")]
public sealed partial class C{k}
{{
    [return: Resource]
    public R{k} StartAsync({params}) => new R{k}({args});
}}""")
    children = "\n".join(f'[ChildComponent<C{k}>("c{k}")]' for k in range(n))
    program = f"""using Asphalt;
using Microsoft.Extensions.Logging;

return await Application.RunAsync(App.Create(), new ApplicationOptions {{ MinimumLogLevel = LogLevel.Warning }});

[Component]
{children}
public sealed partial class App : CliApplicationComponent
{{
    public int RunAsync()
    {{
        Console.WriteLine("ready");
        return 0;
    }}
}}
"""
    generator = '    <ProjectReference Include="{generator}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />'
    return program + "\n".join(comps) + "\n" + resources(n) + "\n", '    <ProjectReference Include="{runtime}" />\n' + generator


def hosting(n):
    regs = []
    for k in range(n):
        regs.append(f"builder.Services.AddSingleton<R{k}>();")
        regs.append(f"builder.Services.AddHostedService<C{k}>();")
    comps = []
    for k in range(n):
        comps.append(f"""public sealed class C{k}(R{k} resource) : IHostedService
{{
    public Task StartAsync(CancellationToken cancellationToken) {{ GC.KeepAlive(resource); return Task.CompletedTask; }}
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}}""")
    program = """using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
""" + "\n".join(regs) + """
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await host.StopAsync();
return 0;
"""
    return program + "\n".join(comps) + "\n" + resources(n) + "\n", '    <PackageReference Include="Microsoft.Extensions.Hosting" />'


VARIANTS = {"handwired": handwired, "asphalt": asphalt_generated, "asphalt-runtime": asphalt_runtime, "hosting": hosting}


def main():
    out, sizes = sys.argv[1], [int(a) for a in sys.argv[2:]]
    for n in sizes:
        for name, make in VARIANTS.items():
            folder = os.path.join(out, f"{name}-{n}")
            os.makedirs(folder, exist_ok=True)
            source, items = make(n)
            with open(os.path.join(folder, "Program.cs"), "w") as f:
                f.write(source)
            with open(os.path.join(folder, f"{name.replace('-', '_')}_{n}.csproj"), "w") as f:
                f.write(csproj(items, folder))
            print(folder)


if __name__ == "__main__":
    main()
