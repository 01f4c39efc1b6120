using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ModularShop.ArchitectureTests.Rules;

/// <summary>A type used by another type: its full name, namespace and the assembly that defines it.</summary>
/// <param name="From">The using type (compiler-generated closures and state machines are reported as the type declaring them).</param>
/// <param name="To">Full name of the used type (nested types with <c>+</c>).</param>
/// <param name="Namespace">Namespace of the used type (of its outermost declaring type when nested).</param>
/// <param name="Assembly">Simple name of the assembly the reference points to.</param>
public sealed record TypeDependency(string From, string To, string Namespace, string Assembly)
{
    public override string ToString() => $"{From} -> {To} [{Assembly}]";
}

/// <summary>
/// Lists every type a type depends on, read from metadata with Mono.Cecil: base type, interfaces, generic
/// constraints, attributes (and <c>typeof</c> arguments), fields, properties, events, method signatures, locals,
/// catch clauses and every type, method or field the IL touches. Unlike namespace-prefix matching, each
/// dependency carries the assembly it comes from, so <c>…Catalog</c> and <c>…Catalog.Contracts</c> never mix.
/// </summary>
public static class TypeDependencies
{
    /// <summary>Dependencies of <paramref name="type"/> (its own members only; nested types are separate types).</summary>
    public static IReadOnlyCollection<TypeDependency> Of(TypeDefinition type)
    {
        var collector = new Collector(ReportedName(type), type.Module.Assembly.Name.Name);
        collector.Walk(type);
        return collector.Found;
    }

    /// <summary>Dependencies of every given type.</summary>
    public static IReadOnlyList<TypeDependency> Of(IEnumerable<TypeDefinition> types) =>
        [.. types.SelectMany(Of).Distinct()];

    /// <summary>The name a violation is reported under: the nearest declaring type the developer wrote.</summary>
    public static string ReportedName(TypeDefinition type)
    {
        while (type.DeclaringType is not null && IsCompilerGenerated(type))
        {
            type = type.DeclaringType;
        }

        return type.FullName.Replace('/', '+');
    }

    private static bool IsCompilerGenerated(TypeDefinition type) =>
        type.Name.StartsWith('<')
        || type.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.CompilerGeneratedAttribute");

    private sealed class Collector(string from, string ownAssembly)
    {
        private readonly HashSet<TypeDependency> _found = [];

        public IReadOnlyCollection<TypeDependency> Found => _found;

        public void Walk(TypeDefinition type)
        {
            AddType(type.BaseType);
            foreach (var implementation in type.Interfaces)
            {
                AddType(implementation.InterfaceType);
                AddAttributes(implementation);
            }

            AddAttributes(type);
            AddGenericParameters(type);

            foreach (var field in type.Fields)
            {
                AddType(field.FieldType);
                AddAttributes(field);
            }

            foreach (var property in type.Properties)
            {
                AddType(property.PropertyType);
                AddAttributes(property);
                foreach (var parameter in property.Parameters)
                {
                    AddType(parameter.ParameterType);
                }
            }

            foreach (var @event in type.Events)
            {
                AddType(@event.EventType);
                AddAttributes(@event);
            }

            foreach (var method in type.Methods)
            {
                WalkMethod(method);
            }
        }

        private void WalkMethod(MethodDefinition method)
        {
            AddType(method.ReturnType);
            AddAttributes(method.MethodReturnType);
            AddAttributes(method);
            AddGenericParameters(method);
            foreach (var parameter in method.Parameters)
            {
                AddType(parameter.ParameterType);
                AddAttributes(parameter);
            }

            foreach (var overridden in method.Overrides)
            {
                AddMethod(overridden);
            }

            if (!method.HasBody)
            {
                return;
            }

            foreach (var variable in method.Body.Variables)
            {
                AddType(variable.VariableType);
            }

            foreach (var handler in method.Body.ExceptionHandlers)
            {
                AddType(handler.CatchType);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference typeReference:
                        AddType(typeReference);
                        break;
                    case MethodReference methodReference:
                        AddMethod(methodReference);
                        break;
                    case FieldReference fieldReference:
                        AddType(fieldReference.DeclaringType);
                        AddType(fieldReference.FieldType);
                        break;
                    case CallSite callSite:
                        AddType(callSite.ReturnType);
                        foreach (var parameter in callSite.Parameters)
                        {
                            AddType(parameter.ParameterType);
                        }

                        break;
                }
            }
        }

        private void AddMethod(MethodReference method)
        {
            AddType(method.DeclaringType);
            AddType(method.ReturnType);
            foreach (var parameter in method.Parameters)
            {
                AddType(parameter.ParameterType);
            }

            if (method is GenericInstanceMethod generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    AddType(argument);
                }
            }
        }

        private void AddGenericParameters(IGenericParameterProvider provider)
        {
            foreach (var parameter in provider.GenericParameters)
            {
                AddAttributes(parameter);
                foreach (var constraint in parameter.Constraints)
                {
                    AddType(constraint.ConstraintType);
                }
            }
        }

        private void AddAttributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                AddType(attribute.AttributeType);
                foreach (var argument in attribute.ConstructorArguments)
                {
                    AddAttributeArgument(argument);
                }

                foreach (var named in attribute.Fields.Concat(attribute.Properties))
                {
                    AddAttributeArgument(named.Argument);
                }
            }
        }

        private void AddAttributeArgument(CustomAttributeArgument argument)
        {
            AddType(argument.Type);
            switch (argument.Value)
            {
                case TypeReference typeOf:
                    AddType(typeOf);
                    break;
                case CustomAttributeArgument boxed:
                    AddAttributeArgument(boxed);
                    break;
                case CustomAttributeArgument[] array:
                    foreach (var element in array)
                    {
                        AddAttributeArgument(element);
                    }

                    break;
            }
        }

        private void AddType(TypeReference? type)
        {
            switch (type)
            {
                case null or GenericParameter:
                    return;
                case GenericInstanceType generic:
                    AddType(generic.ElementType);
                    foreach (var argument in generic.GenericArguments)
                    {
                        AddType(argument);
                    }

                    return;
                case RequiredModifierType required:
                    AddType(required.ModifierType);
                    AddType(required.ElementType);
                    return;
                case OptionalModifierType optional:
                    AddType(optional.ModifierType);
                    AddType(optional.ElementType);
                    return;
                case FunctionPointerType pointer:
                    AddType(pointer.ReturnType);
                    foreach (var parameter in pointer.Parameters)
                    {
                        AddType(parameter.ParameterType);
                    }

                    return;
                case TypeSpecification specification: // arrays, by-ref, pointers, pinned
                    AddType(specification.ElementType);
                    return;
            }

            var outermost = type;
            while (outermost.DeclaringType is not null)
            {
                outermost = outermost.DeclaringType;
            }

            var assembly = type.Scope switch
            {
                AssemblyNameReference reference => reference.Name,
                ModuleDefinition module => module.Assembly.Name.Name,
                _ => ownAssembly, // a module reference: another module (netmodule) of the same assembly
            };
            _found.Add(new TypeDependency(from, type.FullName.Replace('/', '+'), outermost.Namespace, assembly));
        }
    }
}
