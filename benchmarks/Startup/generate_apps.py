#!/usr/bin/env python3
"""Writes one reference application in several wirings, for the start-up comparison.

The shape: N components in a DAG. Component k consumes the resources of components k-1 and k-2
(when they exist) and provides resource R{k}. Every variant starts all N components, prints
"ready" once and exits 0, so hyperfine measures start-to-exit of the same work.

Variants (the synchronous shape: a step returns its resource):
  handwired        plain `new` and direct calls, the floor
  asphalt-runtime  Asphalt's Runtime used by hand (Component subclasses, GetResourceAsync/AddResource)
  asphalt          Asphalt attributes, wired by the source generator
  hosting          Microsoft.Extensions.Hosting: N singletons + N hosted services, empty builder
The async shape (the docs' first example: `[return: Resource] public async Task<T> StartAsync(...)`):
  handwired-async  plain `new` and `await` of each async StartAsync, the floor
  asphalt-async    the same components wired by the source generator
  handwired-yield, asphalt-yield   the same, each step's await completing later on the thread pool
                   (Task.Yield), as a real connection's does
The floor of any process (what `--help` and `check` of the full application are compared with):
  hello            Console.WriteLine and exit; N changes nothing
The full application (command line, a YAML configuration file, console logging at Information):
  asphalt-cli      AsphaltCommandLine.RunAsync(args, App.Definition), run with `run -c app.yaml`
  hosting-default  Host.CreateApplicationBuilder(args) with appsettings.json and its console logging

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
    # As the samples do (the package imports it itself): the build targets, e.g. -p:AsphaltTelemetrySupport=false.
    targets = os.path.relpath(os.path.join(REPO, "src/Asphalt.Generators/build/Asphalt.Generators.targets"), out_dir)
    imports = f'  <Import Project="{targets}" />\n' if "{generator}" in extra_items else ""
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
    <None Update="app.yaml;appsettings.json" CopyToOutputDirectory="PreserveNewest" />
  </ItemGroup>
{imports}</Project>
"""


def resources(n):
    lines = []
    for k in range(n):
        params = ", ".join(f"R{d} r{d}" for d in deps(k))
        lines.append(f"public sealed class R{k}({params}) {{ public int Depth {{ get; }} = {k}; }}")
    return "\n".join(lines)


def handwired(n, awaited=False, opened=None):
    body = []
    for k in range(n):
        args = ", ".join(f"r{d}" for d in deps(k))
        body.append(f"var r{k} = await new C{k}().StartAsync({args});")
    comps = []
    for k in range(n):
        params = ", ".join(f"R{d} r{d}" for d in deps(k))
        args = ", ".join(f"r{d}" for d in deps(k))
        if awaited:
            comps.append(f"public sealed class C{k} {{ public async Task<R{k}> StartAsync({params}) {{ await Program.Opened(); return new R{k}({args}); }} }}")
        else:
            comps.append(f"public sealed class C{k} {{ public ValueTask<R{k}> StartAsync({params}) => ValueTask.FromResult(new R{k}({args})); }}")
    program = "\n".join(body) + '\nConsole.WriteLine("ready");\nreturn 0;\n'
    if awaited:
        program += opened or OPENED
    return program + "\n" + "\n".join(comps) + "\n" + resources(n) + "\n", ""


# What an async step awaits (opening a connection, say): here an already completed task, so the
# figures measure the wiring, not a thread hop. NoInlining keeps the compiler from seeing that.
OPENED = """
static partial class Program
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static Task Opened() => Task.CompletedTask;
}
"""

# The same await when the connection really is asynchronous: each step completes later, on the thread
# pool, as opening a socket does (the *-yield variants).
OPENED_LATER = """
static partial class Program
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static async Task Opened() => await Task.Yield();
}
"""


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


def generated_components(n, awaited, opened=None):
    comps = []
    for k in range(n):
        params = ", ".join(f"R{d} r{d}" for d in deps(k))
        args = ", ".join(f"r{d}" for d in deps(k))
        step = (f"public async Task<R{k}> StartAsync({params}) {{ await Program.Opened(); return new R{k}({args}); }}" if awaited
                else f"public R{k} StartAsync({params}) => new R{k}({args});")
        comps.append(f"""[Component("c{k}")]
public sealed partial class C{k}
{{
    [return: Resource]
    {step}
}}""")
    return "\n".join(comps) + ("\n" + (opened or OPENED) if awaited else "")


GENERATOR = '    <ProjectReference Include="{runtime}" />\n    <ProjectReference Include="{generator}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />'


def asphalt_generated(n, awaited=False, opened=None):
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
    return program + generated_components(n, awaited, opened) + "\n" + resources(n) + "\n", GENERATOR


def asphalt_cli(n):
    children = "\n".join(f'[ChildComponent<C{k}>("c{k}")]' for k in range(n))
    program = f"""using Asphalt;
using Asphalt.CommandLine;

return await AsphaltCommandLine.RunAsync(args, App.Definition);

[Component("app")]
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
    return program + generated_components(n, awaited=True) + "\n" + resources(n) + "\n", GENERATOR


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


def hosting_default(n):
    regs = []
    for k in range(n):
        regs.append(f"builder.Services.AddSingleton<R{k}>();")
        regs.append(f"builder.Services.AddHostedService<C{k}>();")
    comps = []
    for k in range(n):
        comps.append(f"""public sealed class C{k}(R{k} resource) : IHostedService
{{
    public async Task StartAsync(CancellationToken cancellationToken) {{ GC.KeepAlive(resource); await Program.Opened(); }}
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}}""")
    program = """using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
""" + "\n".join(regs) + """
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await host.StopAsync();
return 0;
"""
    return program + OPENED + "\n".join(comps) + "\n" + resources(n) + "\n", '    <PackageReference Include="Microsoft.Extensions.Hosting" />'


# The configuration files the full-application variants read (both log at Information).
FILES = {
    "asphalt-cli": ("app.yaml", "component:\n  type: app\nlogging:\n  level: Information\n"),
    "hosting-default": ("appsettings.json", '{\n  "Logging": { "LogLevel": { "Default": "Information" } }\n}\n'),
}

def hello(n):
    return 'Console.WriteLine("ready");\nreturn 0;\n', ""


VARIANTS = {
    "hello": hello,
    "handwired": handwired,
    "asphalt": asphalt_generated,
    "asphalt-runtime": asphalt_runtime,
    "hosting": hosting,
    "handwired-async": lambda n: handwired(n, awaited=True),
    "asphalt-async": lambda n: asphalt_generated(n, awaited=True),
    "handwired-yield": lambda n: handwired(n, awaited=True, opened=OPENED_LATER),
    "asphalt-yield": lambda n: asphalt_generated(n, awaited=True, opened=OPENED_LATER),
    "asphalt-cli": asphalt_cli,
    "hosting-default": hosting_default,
}


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
            if name in FILES:
                file_name, text = FILES[name]
                with open(os.path.join(folder, file_name), "w") as f:
                    f.write(text)
            print(folder)


if __name__ == "__main__":
    main()
