using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Vexil.Architecture.Tests;

/// <summary>One way to do each common thing in the server, so a reader learns it once.</summary>
public sealed class ConventionTests
{
    private const string DependencyInjection = "Microsoft.Extensions.DependencyInjection";

    [Fact]
    public void Every_service_registration_extension_lives_in_the_dependency_injection_namespace()
    {
        // ASP.NET Core's convention: AddVexil... is found wherever IServiceCollection is, with no using.
        var misplaced = PublicExtensionMethodsOn(typeof(IServiceCollection))
            .Where(method => method.DeclaringType!.Namespace != DependencyInjection || !method.DeclaringType.Name.EndsWith("ServiceCollectionExtensions", StringComparison.Ordinal))
            .Select(method => $"{method.DeclaringType!.FullName}.{method.Name}")
            .ToList();
        Assert.True(misplaced.Count == 0,
            $"Put these in a class named <Feature>ServiceCollectionExtensions in namespace {DependencyInjection}: " + string.Join(", ", misplaced));
    }

    [Fact]
    public void Service_registration_extensions_are_found()
    {
        Assert.Contains(PublicExtensionMethodsOn(typeof(IServiceCollection)), method => method.Name == "AddVexilOfrep");
    }

    [Fact]
    public void Every_options_class_names_its_section_Section()
    {
        var optionsTypes = Assemblies.Server.GetTypes().Where(type => type.Name.EndsWith("Options", StringComparison.Ordinal) && type.IsClass).ToList();
        Assert.NotEmpty(optionsTypes);
        var otherNames = optionsTypes
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(field => field.IsLiteral && field.Name.Contains("Section", StringComparison.Ordinal) && field.Name != "Section")
                .Select(field => $"{type.FullName}.{field.Name}"))
            .ToList();
        Assert.True(otherNames.Count == 0, "Name the configuration section constant 'Section': " + string.Join(", ", otherNames));
    }

    [Fact]
    public void Options_are_validated_one_way_and_at_start_up()
    {
        var services = new ServiceCollection();
        services.AddVexilServer(new ConfigurationBuilder().Build());

        // Validate(lambda, message) registers the framework's ValidateOptions<T>; ours are IValidateOptions classes that
        // can say which key is wrong, with its value and the fix.
        var validators = services.Where(service => OptionsTypeOf(service.ServiceType, typeof(IValidateOptions<>)) is { } options && IsOurs(options)).ToList();
        var lambdas = validators
            .Select(service => service.ImplementationType ?? service.ImplementationInstance?.GetType())
            .Where(implementation => implementation is not null && !IsOurs(implementation))
            .Select(implementation => implementation!.ToString())
            .ToList();
        Assert.True(lambdas.Count == 0, "Validate options with an IValidateOptions<T> class, not OptionsBuilder.Validate(lambda): " + string.Join(", ", lambdas));

        // ValidateOnStart registers a configuration of the framework's StartupValidatorOptions made by a factory that
        // reads the options through IOptionsMonitor<T>: the factory's generic type arguments say which options are
        // checked before the server listens.
        var checkedAtStart = services
            .Where(service => service.ServiceType.IsGenericType && service.ServiceType.GetGenericArguments()[0].Name == "StartupValidatorOptions")
            .SelectMany(service => service.ImplementationFactory?.Method.DeclaringType?.GetGenericArguments() ?? [])
            .Select(argument => OptionsTypeOf(argument, typeof(IOptionsMonitor<>)))
            .OfType<Type>()
            .ToHashSet();
        var validated = validators.Select(service => OptionsTypeOf(service.ServiceType, typeof(IValidateOptions<>))!).Distinct().ToList();
        Assert.NotEmpty(validated);
        var notAtStart = validated.Where(options => !checkedAtStart.Contains(options)).Select(options => options.FullName).ToList();
        Assert.True(notAtStart.Count == 0, "Call ValidateOnStart() for these, so a bad setting stops the start: " + string.Join(", ", notAtStart));
    }

    private static bool IsOurs(Type type) => type.Assembly == Assemblies.Server;

    private static Type? OptionsTypeOf(Type type, Type generic) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == generic ? type.GetGenericArguments()[0] : null;

    private static IEnumerable<MethodInfo> PublicExtensionMethodsOn(Type extended) =>
        Assemblies.Server.GetExportedTypes()
            .Where(type => type.IsAbstract && type.IsSealed)
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(method => method.IsDefined(typeof(ExtensionAttribute)) && method.GetParameters()[0].ParameterType == extended);
}
