using System.Reflection;
using CarePortal.Domain.Complaints;
using CarePortal.Web.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;

namespace CarePortal.Tests.Architecture;

/// <summary>
/// The layout the README's "How the parts fit" describes, held by the compiled code: a pure domain,
/// a Data folder that knows no feature, features that meet only through each other's services,
/// and components that never hold a database context (the scoped one lives as long as a circuit).
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(Complaint).Assembly;
    private static readonly Assembly Web = typeof(CareDbContext).Assembly;
    private const string Features = "CarePortal.Web.Features";

    private static string Failing(NetArchTest.Rules.TestResult result) =>
        string.Join(Environment.NewLine, result.FailingTypes?.Select(t => t.FullName) ?? []);

    [Fact]
    public void The_domain_uses_neither_ef_core_nor_asp_net_nor_the_web_project()
    {
        var result = Types.InAssembly(Domain).ShouldNot()
            .HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Microsoft.Extensions", "CarePortal.Web")
            .GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    /// <summary>The domain's areas (Complaints, Customers, Calendar…) depend on each other one way only: no two in a circle.</summary>
    [Fact]
    public void The_domains_areas_do_not_depend_on_each_other_in_a_circle()
    {
        var areas = Domain.GetTypes().Select(t => t.Namespace).OfType<string>().Where(ns => ns.StartsWith("CarePortal.Domain.", StringComparison.Ordinal)).Distinct().ToList();
        bool Uses(string area, string other) => !Types.InAssembly(Domain).That().ResideInNamespaceMatching($"^{area.Replace(".", "\\.", StringComparison.Ordinal)}$")
            .ShouldNot().HaveDependencyOnAny(other).GetResult().IsSuccessful;
        var uses = areas.ToDictionary(a => a, a => areas.Where(b => b != a && Uses(a, b)).ToHashSet());

        // A circle of any length: an area that reaches itself again through the areas it uses.
        var circles = new List<string>();
        foreach (var start in areas)
        {
            var seen = new HashSet<string>();
            var next = new Queue<string>(uses[start]);
            while (next.TryDequeue(out var area))
            {
                if (area == start)
                {
                    circles.Add(start);
                    break;
                }

                if (seen.Add(area))
                {
                    foreach (var further in uses[area])
                    {
                        next.Enqueue(further);
                    }
                }
            }
        }

        Assert.True(circles.Count == 0, "In a circle: " + string.Join(", ", circles) + Environment.NewLine
            + string.Join(Environment.NewLine, uses.Select(u => $"{u.Key} -> {string.Join(", ", u.Value)}")));
    }

    [Fact]
    public void Data_depends_on_no_feature()
    {
        var result = Types.InAssembly(Web).That().ResideInNamespaceMatching(@"^CarePortal\.Web\.Data(\.|$)").ShouldNot()
            .HaveDependencyOnAny(Features)
            .GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    /// <summary>The plumbing every feature shares knows none of them (but who is signed in: Account).</summary>
    [Fact]
    public void The_shared_plumbing_depends_on_no_feature()
    {
        var features = Web.GetTypes().Select(FeatureOf).OfType<string>().Distinct().Where(f => f != "Account").Select(f => $"{Features}.{f}").ToArray();
        var result = Types.InAssembly(Web).That()
            .ResideInNamespaceMatching(@"^CarePortal\.Web\.(Jobs|Messaging|Realtime|Company|Localization|Exports)(\.|$)")
            .ShouldNot().HaveDependencyOnAny(features)
            .GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    /// <summary>
    /// A feature may use another only through its service: the public <c>…Service</c> classes, the
    /// records their public methods take and return, its public interfaces (contracts such as the
    /// overdue sweep) and its components (a page may show another feature's list or dialog). The
    /// signed-in user (Account) is everybody's.
    /// </summary>
    [Fact]
    public void A_feature_uses_another_only_through_its_service()
    {
        var features = Web.GetTypes().Where(t => FeatureOf(t) is not null).GroupBy(t => FeatureOf(t)!).ToDictionary(g => g.Key, g => g.ToList());
        var problems = new List<string>();
        foreach (var (feature, types) in features.Where(f => f.Key != "Account"))
        {
            var open = Published(types);
            var internals = types.Where(t => !open.Contains(t) && !IsCompilerGenerated(t)).Select(t => t.FullName!).ToArray();
            if (internals.Length == 0)
            {
                continue;
            }

            var result = Types.InAssembly(Web).That().ResideInNamespaceMatching($@"^CarePortal\.Web\.Features\.(?!{feature}(\.|$))")
                .ShouldNot().HaveDependencyOnAny(internals)
                .GetResult();
            if (!result.IsSuccessful)
            {
                problems.Add($"{feature}'s internals used by: {Failing(result)}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void No_component_injects_a_database_context_a_user_manager_or_a_db_set()
    {
        var forbidden = Web.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.GetCustomAttribute<InjectAttribute>() is not null && Forbidden(p.PropertyType))
                .Select(p => $"{t.FullName}.{p.Name}: {p.PropertyType.Name}"))
            .ToList();

        Assert.Empty(forbidden);
    }

    private static bool Forbidden(Type type) =>
        typeof(DbContext).IsAssignableFrom(type)
        || (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(UserManager<>) || type.GetGenericTypeDefinition() == typeof(DbSet<>)));

    private static string? FeatureOf(Type type) =>
        type.Namespace is { } ns && ns.StartsWith(Features + ".", StringComparison.Ordinal) ? ns[(Features.Length + 1)..].Split('.')[0] : null;

    private static bool IsCompilerGenerated(Type type) =>
        type.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is not null || type.Name.StartsWith('<');

    /// <summary>A feature's services and interfaces, and every type of the feature their public members name.</summary>
    private static HashSet<Type> Published(IReadOnlyList<Type> types)
    {
        var own = types.ToHashSet();
        var open = types.Where(t => t.IsPublic && (t.Name.EndsWith("Service", StringComparison.Ordinal) || t.IsInterface || typeof(IComponent).IsAssignableFrom(t))).ToHashSet();
        var queue = new Queue<Type>(open);
        while (queue.TryDequeue(out var type))
        {
            var named = type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.DeclaredOnly)
                .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType))
                .Concat(type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly).Select(p => p.PropertyType))
                .Concat(type.GetConstructors().SelectMany(c => c.GetParameters().Select(p => p.ParameterType)))
                .SelectMany(Unwrap);
            foreach (var t in named.Where(t => own.Contains(t) && open.Add(t)))
            {
                queue.Enqueue(t);
            }
        }

        return open;
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.IsByRef || type.IsArray || type.IsPointer)
        {
            return Unwrap(type.GetElementType()!);
        }

        return type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap).Prepend(type) : [type];
    }
}
