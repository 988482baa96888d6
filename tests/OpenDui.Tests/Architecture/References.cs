using System.Reflection;
using System.Reflection.Emit;

namespace OpenDui.Tests.Architecture;

/// <summary>
/// The types a type uses, read from its signatures and from the IL of its methods (lambdas, async state machines
/// and other compiler-generated nested types are counted for their outermost declaring type).
/// </summary>
public static class References
{
    private static readonly Dictionary<short, OpCode> OpCodesParValeur = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    public static Type Externe(Type t)
    {
        while (t.DeclaringType is { } d) t = d;
        return t;
    }

    /// <summary>Each type of the assembly (outermost) with the members it references: (referenced type, member name or null).</summary>
    public static Dictionary<Type, HashSet<(Type Type, string? Membre)>> DeLAssemblage(Assembly a)
    {
        var resultat = new Dictionary<Type, HashSet<(Type, string?)>>();
        foreach (var t in a.GetTypes())
        {
            var externe = Externe(t);
            if (!resultat.TryGetValue(externe, out var refs)) resultat[externe] = refs = [];
            Ajouter(refs, t.BaseType);
            foreach (var i in t.GetInterfaces()) Ajouter(refs, i);
            const BindingFlags tous = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var f in t.GetFields(tous)) Ajouter(refs, f.FieldType);
            foreach (var p in t.GetProperties(tous)) Ajouter(refs, p.PropertyType);
            foreach (var m in t.GetMethods(tous).Cast<MethodBase>().Concat(t.GetConstructors(tous)))
            {
                if (m is MethodInfo mi) Ajouter(refs, mi.ReturnType);
                foreach (var p in m.GetParameters()) Ajouter(refs, p.ParameterType);
                Corps(m, refs);
            }
        }
        return resultat;
    }

    private static void Ajouter(HashSet<(Type, string?)> refs, Type? t, string? membre = null)
    {
        if (t is null) return;
        if (t.HasElementType) { Ajouter(refs, t.GetElementType(), membre); return; }
        if (t.IsGenericType && !t.IsGenericTypeDefinition)
            foreach (var g in t.GetGenericArguments()) Ajouter(refs, g);
        if (t.IsGenericParameter) return;
        refs.Add((t.IsGenericType ? t.GetGenericTypeDefinition() : t, membre));
    }

    private static void Corps(MethodBase m, HashSet<(Type, string?)> refs)
    {
        byte[]? il;
        try { il = m.GetMethodBody()?.GetILAsByteArray(); } catch { return; }
        if (il is null) return;
        var module = m.Module;
        var argsType = m.DeclaringType?.IsGenericType == true ? m.DeclaringType.GetGenericArguments() : null;
        var argsMethode = m.IsGenericMethod ? m.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            OpCode op;
            if (il[i] == 0xFE) { op = OpCodesParValeur[(short)(0xFE00 | il[i + 1])]; i += 2; }
            else { op = OpCodesParValeur[il[i]]; i += 1; }
            switch (op.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                {
                    var jeton = BitConverter.ToInt32(il, i);
                    i += 4;
                    try
                    {
                        switch (module.ResolveMember(jeton, argsType, argsMethode))
                        {
                            case MethodBase cible:
                                Ajouter(refs, cible.DeclaringType, cible.Name);
                                if (cible.IsGenericMethod) foreach (var g in cible.GetGenericArguments()) Ajouter(refs, g);
                                break;
                            case FieldInfo champ: Ajouter(refs, champ.DeclaringType, champ.Name); Ajouter(refs, champ.FieldType); break;
                            case Type type: Ajouter(refs, type); break;
                        }
                    }
                    catch (ArgumentException) { }
                    catch (TypeLoadException) { }
                    catch (FileNotFoundException) { }
                    break;
                }
                default: i += 4; break;
            }
        }
    }
}
