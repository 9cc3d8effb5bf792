using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Mlp.Generators.Tests;

/// <summary>
/// Finds compiler objects held anywhere inside a pipeline step's output, by walking its fields (those behind
/// properties and records' parameters included) and the elements of arrays. Such an object keeps a whole compilation
/// alive across edits and is never equal to the one an edit makes, so an output holding one can never be cached.
/// </summary>
internal static class RoslynObjectFinder
{
    /// <summary>What a step's output must not hold. Symbols, syntax and semantic models reach the compilation they came from.</summary>
    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxToken), typeof(SyntaxTree), typeof(Location),
        typeof(Compilation), typeof(SemanticModel), typeof(AttributeData),
    ];

    /// <summary>Each compiler object inside <paramref name="value"/>, as a path from <paramref name="name"/> and its type.</summary>
    public static IReadOnlyList<string> Find(object? value, string name)
    {
        var found = new List<string>();
        Walk(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance), found);
        return found;
    }

    private static void Walk(object? value, string path, HashSet<object> seen, List<string> found)
    {
        if (value is null)
            return;
        Type type = value.GetType();
        if (Array.Find(Forbidden, f => f.IsAssignableFrom(type)) is Type forbidden)
        {
            found.Add($"{path} is a {forbidden.Name} ({type.Name})");
            return;
        }
        if (type.IsPrimitive || type.IsEnum || type.IsPointer || value is string or decimal or MemberInfo)
            return;
        if (!type.IsValueType && !seen.Add(value))
            return;

        if (value is Array array)
        {
            int index = 0;
            foreach (object? element in array)
                Walk(element, $"{path}[{index++}]", seen, found);
            return;
        }
        for (Type? declaring = type; declaring is not null; declaring = declaring.BaseType)
        {
            foreach (FieldInfo field in declaring.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.FieldType.IsPointer && !field.FieldType.IsByRefLike)
                    Walk(field.GetValue(value), $"{path}.{MemberName(field)}", seen, found);
            }
        }
    }

    /// <summary>A property's name for its backing field (<c>&lt;Name&gt;k__BackingField</c>), else the field's.</summary>
    private static string MemberName(FieldInfo field) =>
        field.IsDefined(typeof(CompilerGeneratedAttribute)) && field.Name.StartsWith('<') && field.Name.IndexOf('>') is int end and > 0
            ? field.Name[1..end]
            : field.Name;
}
