namespace Asphalt.Configuration.Tests;

public sealed class ServiceTests : IDisposable
{
    private readonly TempFiles _files = new();

    private const string TwoServices = """
        logging:
          level: Information
        component:
          shared: top
        services:
          default:
            component:
              mode: production
          dev:
            component:
              mode: development
            logging:
              level: Debug
        """;

    private LoadedConfiguration Load(string yaml, string? service = null, Dictionary<string, string>? environment = null) =>
        new ConfigurationLoader { Files = { _files.Write("a.yaml", yaml) }, Service = service, Environment = environment ?? new Dictionary<string, string>() }.Load();

    [Fact]
    public void Default_service_is_chosen_and_merged_over_the_top_level()
    {
        var loaded = Load(TwoServices);

        Assert.Equal("default", loaded.Service);
        Assert.Equal("production", loaded.Configuration["component:mode"]);
        Assert.Equal("top", loaded.Configuration["component:shared"]);
        Assert.Null(loaded.Configuration["services:dev:component:mode"]); // services: itself is gone.
    }

    [Fact]
    public void The_service_option_selects_a_service()
    {
        var loaded = Load(TwoServices, service: "dev");

        Assert.Equal("dev", loaded.Service);
        Assert.Equal("development", loaded.Configuration["component:mode"]);
        Assert.Equal("Debug", loaded.Configuration["logging:level"]);
    }

    [Fact]
    public void The_environment_variable_selects_a_service_when_the_option_is_absent()
    {
        Assert.Equal("dev", Load(TwoServices, environment: new() { ["ASPHALT_SERVICE"] = "dev" }).Service);
        Assert.Equal("default", Load(TwoServices, service: "default", environment: new() { ["ASPHALT_SERVICE"] = "dev" }).Service);
    }

    [Fact]
    public void The_only_service_is_chosen_whatever_its_name()
    {
        Assert.Equal("solo", Load("services:\n  solo:\n    component:\n      x: 1\n").Service);
    }

    [Fact]
    public void An_undefined_service_is_an_error_listing_the_defined_ones()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(TwoServices, service: "staging"));

        var single = Assert.Single(error.Errors);
        Assert.Equal("Service 'staging' has not been defined (defined: default, dev)", single.Message);
        Assert.Equal("--service staging", single.Location.Source);
    }

    [Fact]
    public void Several_services_without_a_default_and_no_selection_is_an_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load("services:\n  a:\n  b:\n"));

        var single = Assert.Single(error.Errors);
        Assert.StartsWith("Multiple services present in configuration but no default service has been defined and no service was explicitly selected with --service or ASPHALT_SERVICE", single.Message, StringComparison.Ordinal);
        Assert.Equal(1, single.Location.Line);
    }

    [Fact]
    public void A_top_level_component_is_the_default_service_when_none_is_named()
    {
        const string yaml = "component:\n  mode: top\nservices:\n  dev:\n    component:\n      mode: development\n";

        var implicitDefault = Load(yaml);
        var dev = Load(yaml, service: "dev");

        Assert.Equal("default", implicitDefault.Service);
        Assert.Equal("top", implicitDefault.Configuration["component:mode"]);
        Assert.Equal("development", dev.Configuration["component:mode"]);
        Assert.Equal(["dev"], implicitDefault.DefinedServices);
        var error = Assert.Throws<ConfigurationException>(() => Load(yaml, service: "prod"));
        Assert.Equal("Service 'prod' has not been defined (defined: dev, default)", Assert.Single(error.Errors).Message);
    }

    [Fact]
    public void Services_must_be_a_mapping()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load("services: [a, b]\n"));

        Assert.Contains("The \"services\" key must be a mapping", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_services_is_an_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load("services:\n"));

        Assert.StartsWith("No services have been defined", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Selecting_a_service_without_services_is_an_error_unless_it_is_default()
    {
        Assert.Null(Load("component:\n  x: 1\n", service: "default").Service);
        var error = Assert.Throws<ConfigurationException>(() => Load("component:\n  x: 1\n", environment: new() { ["ASPHALT_SERVICE"] = "dev" }));

        Assert.Contains("Service 'dev' has not been defined: the configuration has no 'services:' section", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_overrides_apply_to_the_selected_service()
    {
        var loaded = new ConfigurationLoader
        {
            Files = { _files.Write("a.yaml", TwoServices) },
            Service = "dev",
            Overrides = { "component.mode=patched" },
            Environment = new Dictionary<string, string>(),
        }.Load();

        Assert.Equal("patched", loaded.Configuration["component:mode"]);
    }

    public void Dispose() => _files.Dispose();
}
