using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ModularShop.ArchitectureTests.Discovery;
using Mono.Cecil;

namespace ModularShop.ArchitectureTests.Rules;

/// <summary>What a rule looked at, and what it found wrong (one readable line per offence).</summary>
public sealed record RuleResult(IReadOnlyList<string> Checked, IReadOnlyList<string> Violations)
{
    public static RuleResult Combine(IEnumerable<RuleResult> results)
    {
        var all = results.ToList();
        return new RuleResult([.. all.SelectMany(r => r.Checked)], [.. all.SelectMany(r => r.Violations).Distinct()]);
    }
}

/// <summary>
/// The rules of "Architecture tests" in ARCHITECTURE.md as plain functions over an assembly and a set of its
/// types, so the same code runs over the real modules and over the deliberately broken fixtures.
/// </summary>
public static class ArchitectureRules
{
    /// <summary>Libraries that Contracts and Domain types must not touch (namespace roots and assembly-name roots).</summary>
    public static readonly IReadOnlyList<string> FrameworkRoots =
        ["Microsoft.EntityFrameworkCore", "Npgsql.EntityFrameworkCore", "Microsoft.AspNetCore", "MediatR", "Carter", "FluentValidation"];

    private static readonly string RuntimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();

    private static readonly HashSet<string> HandlerInterfaces =
        ["MediatR.IRequestHandler`1", "MediatR.IRequestHandler`2", "MediatR.INotificationHandler`1", "MediatR.IStreamRequestHandler`2",
         IntegrationEventHandlerInterface, ScheduledMessageHandlerInterface];

    internal const string IntegrationEventHandlerInterface = "ModularShop.BuildingBlocks.Infrastructure.Messaging.IIntegrationEventHandler`1";
    internal const string ScheduledMessageHandlerInterface = "ModularShop.BuildingBlocks.Infrastructure.Messaging.IScheduledMessageHandler`1";

    internal const string ValidatorInterface = "FluentValidation.IValidator`1";
    internal const string IntegrationEventType = "ModularShop.BuildingBlocks.Contracts.IntegrationEvent";
    internal const string IsExternalInit = "System.Runtime.CompilerServices.IsExternalInit";

    /// <summary>True for an assembly of the .NET base class library (shipped in the Microsoft.NETCore.App shared framework).</summary>
    public static bool IsBcl(string assemblyName) =>
        File.Exists(Path.Combine(RuntimeDirectory, assemblyName + ".dll"));

    /// <summary><paramref name="name"/> is <paramref name="root"/> or a dotted child of it (never a mere string prefix).</summary>
    public static bool IsUnder(string name, string root) =>
        name == root || name.StartsWith(root + ".", StringComparison.Ordinal);

    // ---- Rule 1 -------------------------------------------------------------------------------------------

    /// <summary>
    /// Rule 1, assembly level: <paramref name="subject"/> (a module assembly) references no other module's
    /// implementation assembly. Assembly names are compared whole, so <c>…Catalog.Contracts</c> is fine.
    /// </summary>
    public static RuleResult ReferencesNoOtherModuleImplementation(ShopAssembly subject)
    {
        var violations = subject.ReferencedAssemblyNames
            .Select(r => (Name: r, Classified: ShopAssembly.Classify(r)))
            .Where(r => r.Classified.Kind == ShopAssemblyKind.ModuleImplementation && r.Classified.Module != subject.Module)
            .Select(r => $"{subject.Name} references assembly {r.Name}, the implementation of module {r.Classified.Module}; "
                         + $"reference {r.Name}{ShopAssembly.ContractsSuffix} instead")
            .ToList();
        return new RuleResult([subject.Name], violations);
    }

    /// <summary>
    /// Rule 1, type level: no type of <paramref name="types"/> uses a type defined in another module's
    /// implementation assembly, or a type in another module's implementation namespace
    /// (<c>ModularShop.Modules.&lt;M&gt;[.*]</c> except <c>ModularShop.Modules.&lt;M&gt;.Contracts[.*]</c>).
    /// </summary>
    public static RuleResult UsesNoOtherModuleImplementationType(
        ShopAssembly subject, IEnumerable<TypeDefinition> types, IReadOnlyCollection<string> moduleNames)
    {
        var checkedTypes = types.ToList();
        var otherModules = moduleNames.Where(m => m != subject.Module).ToList();
        var violations = TypeDependencies.Of(checkedTypes)
            .Select(d => (Dependency: d, Module: OtherModuleImplementationOf(d, otherModules, subject.Module)))
            .Where(d => d.Module is not null)
            .Select(d => $"{d.Dependency.From} uses {d.Dependency.To} from {d.Dependency.Assembly}, "
                         + $"an implementation type of module {d.Module}; use {ShopAssembly.ModulePrefix}{d.Module}{ShopAssembly.ContractsSuffix} instead")
            .Order(StringComparer.Ordinal)
            .ToList();
        return new RuleResult([.. checkedTypes.Select(t => t.FullName)], violations);
    }

    private static string? OtherModuleImplementationOf(TypeDependency dependency, IReadOnlyList<string> otherModules, string? ownModule)
    {
        var (kind, module) = ShopAssembly.Classify(dependency.Assembly);
        if (kind == ShopAssemblyKind.ModuleImplementation && module != ownModule)
        {
            return module;
        }

        return otherModules.FirstOrDefault(m =>
            IsUnder(dependency.Namespace, ShopAssembly.ModulePrefix + m)
            && !IsUnder(dependency.Namespace, ShopAssembly.ModulePrefix + m + ShopAssembly.ContractsSuffix));
    }

    // ---- Rule 2 -------------------------------------------------------------------------------------------

    /// <summary>
    /// Rule 2: a Contracts assembly and its types depend on the BCL, BuildingBlocks.Contracts and the kernel only (both
    /// BCL-only themselves, see <see cref="DependsOnBclOnly"/>).
    /// </summary>
    public static RuleResult ContractsDependOnBclAndBuildingBlocksContractsOnly(ShopAssembly subject, IEnumerable<TypeDefinition> types) =>
        DependsOnlyOn(
            subject,
            types,
            a => IsBcl(a) || a == ShopAssembly.BuildingBlocksContractsName || a == ShopAssembly.KernelName,
            $"the BCL, {ShopAssembly.BuildingBlocksContractsName} and {ShopAssembly.KernelName}");

    /// <summary>The kernel and BuildingBlocks.Contracts: the BCL and each other only (what domain code and contracts may see).</summary>
    public static RuleResult DependsOnBclOnly(ShopAssembly subject, IEnumerable<TypeDefinition> types) =>
        DependsOnlyOn(
            subject,
            types,
            a => IsBcl(a) || a == ShopAssembly.BuildingBlocksContractsName || a == ShopAssembly.KernelName,
            "the BCL");

    // ---- Rule 3 -------------------------------------------------------------------------------------------

    /// <summary>Rule 3a: MediatR handlers and FluentValidation validators are internal and sealed (abstract base validators: internal).</summary>
    public static RuleResult HandlersAndValidatorsAreInternalSealed(IEnumerable<Type> types)
    {
        var found = types.Where(t => t.IsClass && (IsHandler(t) || IsValidator(t))).ToList();
        var violations = new List<string>();
        foreach (var type in found)
        {
            var what = IsHandler(type) ? "handler" : "validator";
            if (type.IsVisible)
            {
                violations.Add($"{type.FullName} is a public {what}; make it internal sealed");
            }

            if (!type.IsSealed && !type.IsAbstract)
            {
                violations.Add($"{type.FullName} is an unsealed {what}; make it internal sealed");
            }
        }

        return new RuleResult([.. found.Select(t => t.FullName!)], violations);
    }

    /// <summary>Rule 3b: integration events are sealed and immutable (no public setter other than <c>init</c>, no public writable field).</summary>
    public static RuleResult IntegrationEventsAreSealedAndImmutable(IEnumerable<Type> types)
    {
        var events = types.Where(IsIntegrationEvent).ToList();
        var violations = new List<string>();
        foreach (var type in events)
        {
            if (!type.IsSealed)
            {
                violations.Add($"{type.FullName} is an integration event that is not sealed");
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.SetMethod is { IsPublic: true } setter
                    && !setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == IsExternalInit))
                {
                    violations.Add($"{type.FullName}.{property.Name} has a public setter; integration events are immutable (use init)");
                }
            }

            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance).Where(f => !f.IsInitOnly))
            {
                violations.Add($"{type.FullName}.{field.Name} is a public writable field; integration events are immutable");
            }
        }

        return new RuleResult([.. events.Select(t => t.FullName!)], violations);
    }

    public static bool IsHandler(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && HandlerInterfaces.Contains(i.GetGenericTypeDefinition().FullName!));

    public static bool IsIntegrationEventHandler(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition().FullName is IntegrationEventHandlerInterface or ScheduledMessageHandlerInterface);

    public static bool IsValidator(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition().FullName == ValidatorInterface);

    public static bool IsIntegrationEvent(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.FullName == IntegrationEventType)
            {
                return true;
            }
        }

        return false;
    }

    // ---- Rule 4 -------------------------------------------------------------------------------------------

    /// <summary>The Domain types of a module: namespace <c>ModularShop.Modules.&lt;M&gt;.Domain*</c>.</summary>
    public static IEnumerable<TypeDefinition> DomainTypes(ShopAssembly module) =>
        module.AllTypes().Where(t => IsDomainNamespace(OutermostNamespace(t), module.Module!));

    public static bool IsDomainNamespace(string @namespace, string module) =>
        @namespace.StartsWith(ShopAssembly.ModulePrefix + module + ".Domain", StringComparison.Ordinal);

    /// <summary>
    /// Rule 4: Domain types depend on the BCL, the kernel (<c>ModularShop.BuildingBlocks.Kernel</c>),
    /// BuildingBlocks.Contracts and their own module's assemblies only. Checked by the assembly each used type comes
    /// from (an allow-list), so no framework can slip in under a namespace nobody thought to forbid.
    /// </summary>
    public static RuleResult DomainUsesNoFrameworkTypes(IEnumerable<TypeDefinition> domainTypes)
    {
        var checkedTypes = domainTypes.ToList();
        var violations = checkedTypes
            .SelectMany(t => TypeDependencies.Of(t).Select(d => (Own: t.Module.Assembly.Name.Name, Dependency: d)))
            .Where(x => !IsAllowedForDomain(x.Dependency.Assembly, x.Own))
            .Select(x => $"{x.Dependency.From} (Domain) uses {x.Dependency.To} from {x.Dependency.Assembly}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        return new RuleResult([.. checkedTypes.Select(t => t.FullName)], violations);
    }

    private static bool IsAllowedForDomain(string assembly, string ownAssembly) =>
        IsBcl(assembly) || assembly == ownAssembly || assembly == ownAssembly + ShopAssembly.ContractsSuffix
        || assembly == ShopAssembly.KernelName || assembly == ShopAssembly.BuildingBlocksContractsName;

    // ---- Rule 5 -------------------------------------------------------------------------------------------

    /// <summary>Frameworks of the host whose types must not cross into a plugin: a plugin talks to the shop through the SDK.</summary>
    public static readonly IReadOnlyList<string> HostFrameworks =
        ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "MediatR", "Carter", "Npgsql", "FluentValidation.AspNetCore"];

    /// <summary>
    /// Rule 5: of the shop's assemblies, a payment plugin depends on <c>ModularShop.Payments.Abstractions</c> only (which
    /// it must reference), and on none of the host's frameworks. Other libraries are its own: they load into its own
    /// AssemblyLoadContext, in the versions it carries (decision 0012).
    /// </summary>
    public static RuleResult PluginDependsOnPaymentsAbstractionsOnly(ShopAssembly subject, IEnumerable<TypeDefinition> types)
    {
        var result = DependsOnlyOn(
            subject,
            types,
            a => a == ShopAssembly.PaymentsAbstractionsName || (!IsUnder(a, "ModularShop") && !HostFrameworks.Any(f => IsUnder(a, f))),
            $"{ShopAssembly.PaymentsAbstractionsName} of the shop's assemblies, and none of the host's frameworks ({string.Join(", ", HostFrameworks)}); "
            + "other libraries are the plugin's own (they load into its context, decision 0012)");
        if (subject.ReferencedAssemblyNames.Contains(ShopAssembly.PaymentsAbstractionsName))
        {
            return result;
        }

        return result with { Violations = [.. result.Violations, $"{subject.Name} does not reference {ShopAssembly.PaymentsAbstractionsName}"] };
    }

    /// <summary>
    /// The payment SDK (<c>ModularShop.Payments.Abstractions</c>) depends on the BCL only — no ASP.NET Core, EF Core,
    /// MediatR or shop assembly — so that a plugin built against it carries nothing the host would have to match.
    /// </summary>
    public static RuleResult PaymentsSdkDependsOnTheBclOnly(ShopAssembly subject, IEnumerable<TypeDefinition> types) =>
        DependsOnlyOn(subject, types, IsBcl, "the BCL");

    // ---- Tokens -------------------------------------------------------------------------------------------

    /// <summary>The types that sign (or hold a key to sign) access tokens.</summary>
    public static readonly IReadOnlyList<string> TokenMintingTypes =
    [
        "Microsoft.IdentityModel.Tokens.SigningCredentials",
        "Microsoft.IdentityModel.Tokens.SecurityKey",
        "Microsoft.IdentityModel.Tokens.SymmetricSecurityKey",
        "Microsoft.IdentityModel.Tokens.AsymmetricSecurityKey",
        "Microsoft.IdentityModel.Tokens.RsaSecurityKey",
        "Microsoft.IdentityModel.Tokens.ECDsaSecurityKey",
        "Microsoft.IdentityModel.Tokens.JsonWebKey",
        "Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor",
        "Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler",
        "System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler",
    ];

    /// <summary>
    /// Token issuing lives in Users alone: no other assembly of the shop (modules, building blocks, host) uses a
    /// signing key, signing credentials or a token handler, so none can mint a token.
    /// </summary>
    public static RuleResult OnlyUsersMintsTokens(ShopAssembly subject, IEnumerable<TypeDefinition> types)
    {
        var checkedTypes = types.ToList();
        if (subject.Module == "Users" && subject.Kind == ShopAssemblyKind.ModuleImplementation)
        {
            return new RuleResult([.. checkedTypes.Select(t => t.FullName)], []);
        }

        var violations = TypeDependencies.Of(checkedTypes)
            .Where(d => TokenMintingTypes.Contains(d.To))
            .Select(d => $"{d.From} uses {d.To}; only ModularShop.Modules.Users may sign tokens or hold the signing key")
            .Order(StringComparer.Ordinal)
            .ToList();
        return new RuleResult([.. checkedTypes.Select(t => t.FullName)], violations);
    }

    // ---- Schemas ------------------------------------------------------------------------------------------

    /// <summary>
    /// A module's SQL stays in its own schema: no string literal of the module that reads as SQL (it has a
    /// <c>SELECT</c>, <c>INSERT</c>, <c>UPDATE</c>, <c>DELETE</c>, <c>FROM</c>, <c>JOIN</c> or <c>INTO</c>) names a table of
    /// another module's schema (<c>catalog.products</c>, <c>"catalog"."products"</c>).
    /// </summary>
    public static RuleResult SqlStaysInOwnSchema(ShopAssembly subject, string ownSchema, IReadOnlyCollection<string> allSchemas)
    {
        var others = allSchemas.Where(s => s != ownSchema).ToList();
        var literals = subject.AllTypes()
            .SelectMany(t => t.Methods.Where(m => m.HasBody).SelectMany(m => m.Body.Instructions
                .Where(i => i.OpCode.Code == Mono.Cecil.Cil.Code.Ldstr)
                .Select(i => (Type: TypeDependencies.ReportedName(t), Text: (string)i.Operand))))
            .Where(l => SqlKeyword.IsMatch(l.Text))
            .ToList();
        var violations = new List<string>();
        foreach (var (type, text) in literals)
        {
            foreach (var schema in others)
            {
                var reference = new System.Text.RegularExpressions.Regex(
                    $@"(?<![\w.""-])""?{System.Text.RegularExpressions.Regex.Escape(schema)}""?\.""?[a-z_][a-z0-9_]*(?![\w.-])",
                    System.Text.RegularExpressions.RegexOptions.IgnoreCase);
                if (reference.Match(text) is { Success: true } m)
                {
                    violations.Add($"{type} has SQL naming {m.Value} of schema {schema}; {subject.Name} owns schema {ownSchema} only");
                }
            }
        }

        return new RuleResult([subject.Name, .. literals.Select(l => l.Type).Distinct()], [.. violations.Distinct().Order(StringComparer.Ordinal)]);
    }

    private static readonly System.Text.RegularExpressions.Regex SqlKeyword = new(
        @"\b(SELECT|INSERT|UPDATE|DELETE|FROM|JOIN|INTO)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>Every table, view and sequence of a module's EF model (and its migrations history) lives in the module's schema.</summary>
    public static RuleResult ModelStaysInOwnSchema(Microsoft.EntityFrameworkCore.DbContext context, string ownSchema)
    {
        var model = context.Model;
        var name = context.GetType().FullName!;
        var violations = new List<string>();
        foreach (var entity in model.GetEntityTypes())
        {
            var schema = entity.GetSchema() ?? entity.GetViewSchema() ?? model.GetDefaultSchema();
            if (entity.GetTableName() is not null || entity.GetViewName() is not null)
            {
                if (schema != ownSchema)
                {
                    violations.Add($"{name} maps {entity.DisplayName()} to schema {schema ?? "(none: public)"}; it owns {ownSchema} only");
                }
            }
        }

        foreach (var sequence in model.GetSequences().Where(q => q.Schema != ownSchema))
        {
            violations.Add($"{name} has sequence {sequence.Name} in schema {sequence.Schema}; it owns {ownSchema} only");
        }

        var options = context.GetService<Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptions>();
        var historySchema = Microsoft.EntityFrameworkCore.Infrastructure.RelationalOptionsExtension.Extract(options).MigrationsHistoryTableSchema;
        if (historySchema != ownSchema)
        {
            violations.Add($"{name} keeps its migrations history in schema {historySchema ?? "(none: public)"}; it owns {ownSchema} only");
        }

        return new RuleResult([name, .. model.GetEntityTypes().Select(e => e.DisplayName())], violations);
    }

    // ---- shared -------------------------------------------------------------------------------------------

    private static RuleResult DependsOnlyOn(ShopAssembly subject, IEnumerable<TypeDefinition> types, Func<string, bool> allowed, string allowedText)
    {
        var checkedTypes = types.ToList();
        var assemblyViolations = subject.ReferencedAssemblyNames
            .Where(a => !allowed(a))
            .Select(a => $"{subject.Name} references assembly {a}; it may depend on {allowedText} only");
        var typeViolations = TypeDependencies.Of(checkedTypes)
            .Where(d => d.Assembly != subject.Name && !allowed(d.Assembly))
            .Select(d => $"{d.From} uses {d.To} from {d.Assembly}; {subject.Name} may depend on {allowedText} only")
            .Order(StringComparer.Ordinal);
        return new RuleResult([subject.Name, .. checkedTypes.Select(t => t.FullName)], [.. assemblyViolations, .. typeViolations]);
    }

    private static string OutermostNamespace(TypeDefinition type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.Namespace;
    }
}
