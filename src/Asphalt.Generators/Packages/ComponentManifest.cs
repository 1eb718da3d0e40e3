using System;
using System.Linq;
using Asphalt.Generators.Common;
using Asphalt.Generators.Models;

namespace Asphalt.Generators.Packages
{
    /// <summary>
    /// A <see cref="ComponentModel"/> as text, shipped in the component's assembly as
    /// <c>[assembly: Asphalt.ComponentManifest("...")]</c>. The generator of an assembly that references
    /// it reads the model back, so a component from a package is checked, configured and registered
    /// exactly like a local one: alias, options schema, steps, consumed and published resources (with
    /// <c>NameOption</c>), signals, listeners (private ones too, which metadata would hide) and declared
    /// children (<c>[ChildComponent]</c> is not compiled into the assembly). Locations are not shipped:
    /// the consumer reports a package component's problems where its own source declares it.
    /// </summary>
    /// <remarks>
    /// Every field of the model is shipped except these, which a manifest implies or cannot hold:
    /// every <c>Location</c> (a source location means nothing in another compilation), <c>HasErrors</c>
    /// (false: a component with errors gets no generated file, so no manifest), <c>IsPublic</c> (true:
    /// only public components are shipped) and <c>IsReferenced</c> (true on reading, by definition).
    /// A new field must be written and read here, or listed here; the round-trip test checks both.
    /// </remarks>
    internal static class ComponentManifest
    {
        /// <summary>The attribute the manifest is stored in, in Asphalt.Runtime.</summary>
        public const string AttributeName = "Asphalt.ComponentManifestAttribute";

        /// <summary>
        /// The format's version, the manifest's first token. A manifest of a version older than
        /// <see cref="OldestReadableVersion"/> or newer than this one (a package built with another Asphalt)
        /// is not read: its components stay opaque, as hand-written ones are. Version 3 added logger
        /// categories, <c>HidesBaseStep</c> and endpoint handler parameters, appended to the records
        /// that have them, so a version 2 manifest reads with those at their defaults.
        /// Version 4 appended the bridged signals (which take the tree's transport) and added the
        /// <see cref="ConstructorArgumentKind.ReloadableOptions"/> argument kind; version 5 the signals
        /// configuration may bridge (<c>bridges:</c>), with their JSON metadata.
        /// </summary>
        public const int FormatVersion = 5;

        /// <summary>The oldest version still read (2: options carry their validation rules).</summary>
        public const int OldestReadableVersion = 2;

        public static string Write(ComponentModel model)
        {
            var writer = new ManifestWriter().Int(FormatVersion);
            Type(writer, model.Type);
            writer.String(model.Namespace)
                .List(model.ContainingTypes, static (w, t) => w.String(t.Keyword).String(t.Name))
                .String(model.Name)
                .String(model.Alias)
                .Int((int)model.Base)
                .List(model.Constructor, static (w, a) => { w.Int((int)a.Kind).String(a.Name); Type(w, a.Type); w.String(a.BindMethod).Optional(a.Category, Type).Bool(a.IsTyped); })
                .Optional(model.Prepare, Step)
                .Optional(model.Start, Step)
                .Optional(model.Run, Step)
                .List(model.Published, Published)
                .List(model.Listeners, static (w, l) =>
                {
                    w.String(l.Method);
                    Type(w, l.EventType);
                    Type(w, l.SignalType);
                    w.String(l.SignalName).Int((int)l.Kind);
                })
                .List(model.Children, static (w, c) => { w.String(c.Alias); Type(w, c.Type); w.Int((int)c.Construction); })
                .List(model.Options, static (w, o) => { Type(w, o.Type); w.String(o.BindMethod).List(o.Members, Member).Bool(o.Validatable); })
                .List(model.HandlerParameters, Parameter)
                .List(model.Bridges, static (w, b) =>
                {
                    w.String(b.Member).String(b.SignalName);
                    Type(w, b.EventType);
                    w.String(b.Channel);
                    Type(w, b.JsonContext);
                })
                .List(model.BridgeableSignals, static (w, b) =>
                {
                    w.String(b.Member).String(b.SignalName);
                    Type(w, b.EventType);
                    w.Optional(b.JsonContext, Type);
                });
            return writer.ToString();
        }

        /// <summary>The model a manifest describes, or null when it is of another format version or malformed.</summary>
        public static ComponentModel? Read(string text)
        {
            try
            {
                var reader = new ManifestReader(text);
                if (reader.Int() is var version && (version < OldestReadableVersion || version > FormatVersion))
                {
                    return null;
                }

                reader.Version = version;

                var model = new ComponentModel(
                    Type(reader),
                    reader.String(),
                    reader.List(static r => new ContainingType(r.String(), r.String())).ToEquatableArray(),
                    reader.String(),
                    reader.String(),
                    reader.Enum<ComponentBase>(),
                    reader.List(static r => new ConstructorArgument(
                        r.Enum<ConstructorArgumentKind>(), r.String(), Type(r), r.NullableString(), r.Since(3, static r => r.Optional(Type)), r.Since(3, static r => r.Bool()))).ToEquatableArray(),
                    reader.Optional(Step),
                    reader.Optional(Step),
                    reader.Optional(Step),
                    reader.List(Published).ToEquatableArray(),
                    reader.List(static r => new SignalListener(r.String(), Type(r), Type(r), r.String(), r.Enum<ListenerKind>(), null)).ToEquatableArray(),
                    reader.List(static r => new ChildDeclaration(r.String(), Type(r), r.Enum<ChildConstruction>(), null)).ToEquatableArray(),
                    reader.List(static r => new OptionsType(Type(r), r.String(), r.List(Member).ToEquatableArray(), r.Bool())).ToEquatableArray(),
                    HasErrors: false,
                    Location: null,
                    IsPublic: true,
                    IsReferenced: true)
                {
                    HandlerParameters = reader.Since(3, static r => r.List(Parameter).ToEquatableArray()),
                    Bridges = reader.Since(4, static r => r.List(static b => new BridgedSignal(b.String(), b.String(), Type(b), b.String(), Type(b), null)).ToEquatableArray()),
                    BridgeableSignals = reader.Since(5, static r => r.List(static b => new BridgeableSignal(b.String(), b.String(), Type(b), b.Optional(Type))).ToEquatableArray()),
                };
                return reader.AtEnd ? model : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private static void Type(ManifestWriter writer, TypeRef type) => writer.String(type.FullName).String(type.DisplayName).Bool(type.IsValueType);

        private static TypeRef Type(ManifestReader reader) => new(reader.String(), reader.String(), reader.Bool());

        private static void Step(ManifestWriter writer, StepMethod step) =>
            writer.String(step.Name)
                .Int((int)step.Phase)
                .List(step.Parameters, Parameter)
                .Int((int)step.ReturnKind)
                .Optional(step.ResultType, Type)
                .Optional(step.Published, Published)
                .Bool(step.HidesBaseStep);

        private static StepMethod Step(ManifestReader reader) =>
            new(reader.String(),
                reader.Enum<Phase>(),
                reader.List(Parameter).ToEquatableArray(),
                reader.Enum<ReturnKind>(),
                reader.Optional(Type),
                reader.Optional(Published),
                reader.Since(3, static r => r.Bool()));

        private static void Parameter(ManifestWriter writer, InjectedParameter parameter) =>
            writer.String(parameter.Name).Int((int)parameter.Kind).Optional(parameter.Type, Type).String(parameter.ResourceName).Bool(parameter.Optional)
                .String(parameter.DefaultValue).String(parameter.NameOption).String(parameter.NameOptionKey).Bool(parameter.IsTyped);

        private static InjectedParameter Parameter(ManifestReader reader) =>
            new(reader.String(), reader.Enum<ParameterKind>(), reader.Optional(Type), reader.String(), reader.Bool(), reader.String(), null,
                reader.NullableString(), reader.NullableString(), reader.Since(3, static r => r.Bool()));

        private static void Published(ManifestWriter writer, PublishedResource resource)
        {
            writer.String(resource.Member).String(resource.Description);
            Type(writer, resource.ValueType);
            Type(writer, resource.PublishedType);
            writer.String(resource.Name).Bool(resource.Owned).Bool(resource.IsSignal).Int((int)resource.Phase);
        }

        private static PublishedResource Published(ManifestReader reader) =>
            new(reader.NullableString(), reader.String(), Type(reader), Type(reader), reader.String(), reader.Bool(), reader.Bool(), reader.Enum<Phase>(), null);

        private static void Member(ManifestWriter writer, OptionsMember member)
        {
            writer.String(member.Name).String(member.Key);
            Value(writer, member.Value);
            writer.Bool(member.Required).Bool(member.InitOnly).Bool(member.IsConstructorParameter).String(member.DefaultValue)
                .Optional(member.Range, static (w, r) => w.String(r.Minimum).String(r.Maximum))
                .Bool(member.AbsoluteUrl)
                .Optional(member.Validation, static (w, v) =>
                    w.Bool(v.Required).Bool(v.AllowEmptyStrings).Int(v.MinimumLength).Int(v.MaximumLength).String(v.Pattern).Bool(v.EmailAddress).Bool(v.IsCollection));
        }

        private static OptionsMember Member(ManifestReader reader) =>
            new(reader.String(), reader.String(), Value(reader), reader.Bool(), reader.Bool(), reader.Bool(), reader.NullableString(),
                reader.Optional(static r => new RangeModel(r.String(), r.String())), reader.Bool(),
                reader.Optional(static r => new ValidationModel(r.Bool(), r.Bool(), r.Int(), r.Int(), r.NullableString(), r.Bool(), r.Bool())));

        private static void Value(ManifestWriter writer, ValueModel value)
        {
            writer.Int((int)value.Kind);
            Type(writer, value.Type);
            writer.String(value.Expected).Optional(value.Element, Value).List(value.EnumMembers, static (w, m) => w.String(m)).String(value.BindMethod);
        }

        private static ValueModel Value(ManifestReader reader) =>
            new(reader.Enum<ValueKind>(), Type(reader), reader.String(), reader.Optional(Value), reader.List(static r => r.String()).ToEquatableArray(), reader.NullableString());
    }
}
