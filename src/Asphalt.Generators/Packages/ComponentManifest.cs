using System;
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
    internal static class ComponentManifest
    {
        /// <summary>The attribute the manifest is stored in, in Asphalt.Runtime.</summary>
        public const string AttributeName = "Asphalt.ComponentManifestAttribute";

        /// <summary>
        /// The format's version, the manifest's first token. A manifest of another version (a package
        /// built with another Asphalt) is not read: its components stay opaque, as hand-written ones are.
        /// </summary>
        public const int FormatVersion = 2;

        public static string Write(ComponentModel model)
        {
            var writer = new ManifestWriter().Int(FormatVersion);
            Type(writer, model.Type);
            writer.String(model.Namespace)
                .List(model.ContainingTypes, static (w, t) => w.String(t.Keyword).String(t.Name))
                .String(model.Name)
                .String(model.Alias)
                .Int((int)model.Base)
                .List(model.Constructor, static (w, a) => { w.Int((int)a.Kind).String(a.Name); Type(w, a.Type); w.String(a.BindMethod); })
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
                .List(model.Options, static (w, o) => { Type(w, o.Type); w.String(o.BindMethod).List(o.Members, Member).Bool(o.Validatable); });
            return writer.ToString();
        }

        /// <summary>The model a manifest describes, or null when it is of another format version or malformed.</summary>
        public static ComponentModel? Read(string text)
        {
            try
            {
                var reader = new ManifestReader(text);
                if (reader.Int() != FormatVersion)
                {
                    return null;
                }

                var model = new ComponentModel(
                    Type(reader),
                    reader.String(),
                    reader.List(static r => new ContainingType(r.String(), r.String())).ToEquatableArray(),
                    reader.String(),
                    reader.String(),
                    reader.Enum<ComponentBase>(),
                    reader.List(static r => new ConstructorArgument(r.Enum<ConstructorArgumentKind>(), r.String(), Type(r), r.NullableString())).ToEquatableArray(),
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
                    IsReferenced: true);
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
                .List(step.Parameters, static (w, p) =>
                {
                    w.String(p.Name).Int((int)p.Kind).Optional(p.Type, Type).String(p.ResourceName).Bool(p.Optional).String(p.DefaultValue)
                        .String(p.NameOption).String(p.NameOptionKey);
                })
                .Int((int)step.ReturnKind)
                .Optional(step.ResultType, Type)
                .Optional(step.Published, Published);

        private static StepMethod Step(ManifestReader reader) =>
            new(reader.String(),
                reader.Enum<Phase>(),
                reader.List(static r => new InjectedParameter(
                    r.String(), r.Enum<ParameterKind>(), r.Optional(Type), r.String(), r.Bool(), r.String(), null, r.NullableString(), r.NullableString())).ToEquatableArray(),
                reader.Enum<ReturnKind>(),
                reader.Optional(Type),
                reader.Optional(Published));

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
