using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OpenDui.Hote;

/// <summary>
/// A request the API cannot bind (a date 2026-02-30, a number sent as text, an unknown enum value, malformed JSON, a
/// missing body) answers a French 400 ValidationProblem keyed by the field as the client wrote it
/// (<c>essms[2].categorieCode</c>, <c>jalon</c>), not ASP.NET Core's empty English "Bad Request".
/// </summary>
public sealed partial class ErreursDeLiaison(IProblemDetailsService problemes) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException e) return false;
        ctx.Response.StatusCode = e.StatusCode;
        var pd = e.StatusCode == StatusCodes.Status400BadRequest
            ? new HttpValidationProblemDetails(ReponsesHttp.Dictionnaire(Traduire(e))) { Title = ReponsesHttp.TitreInvalide }
            : new Microsoft.AspNetCore.Mvc.ProblemDetails { Title = TitreSelonStatut(e.StatusCode) };
        pd.Status = e.StatusCode;
        return await problemes.TryWriteAsync(new ProblemDetailsContext { HttpContext = ctx, ProblemDetails = pd, Exception = exception });
    }

    private static string TitreSelonStatut(int statut) => statut switch
    {
        StatusCodes.Status413PayloadTooLarge => "La requête dépasse la taille maximale autorisée.",
        StatusCodes.Status415UnsupportedMediaType => "Type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json).",
        _ => "La requête est mal formée.",
    };

    /// <summary>The French errors of a binding failure, keyed by field ("" when the whole body is at fault).</summary>
    public static Erreurs Traduire(BadHttpRequestException e)
    {
        if (e.InnerException is JsonException j) return Traduire(j);
        var m = ParametreNonLie().Match(e.Message);
        if (m.Success)
            return Erreurs.Une(m.Groups["nom"].Value, $"« {Tronquer(m.Groups["valeur"].Value)} » : {MessageSelonType(m.Groups["type"].Value)}");
        m = ParametreManquant().Match(e.Message);
        if (m.Success)
            return m.Groups["source"].Value == "body"
                ? Erreurs.Une("", "Le corps de la requête (JSON) est obligatoire.")
                : Erreurs.Une(m.Groups["nom"].Value, "Ce paramètre est obligatoire.");
        if (e.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal))
            return Erreurs.Une("", "Le corps de la requête (JSON) est obligatoire.");
        return Erreurs.Une("", "La requête est mal formée.");
    }

    public static Erreurs Traduire(JsonException j)
    {
        var champ = Champ(j.Path);
        var conversion = ConversionImpossible().Match(j.Message);
        if (conversion.Success)
        {
            // The type named is the field's own, or (for a constructor parameter) the object that holds the field.
            var nomme = TypeNomme(conversion.Groups["type"].Value);
            var dernier = CleEntreCrochets().Replace(champ, "").Split('.')[^1];
            var indice = dernier.IndexOf('[');
            if (indice >= 0) dernier = dernier[..indice];
            var propriete = nomme?.GetProperties().FirstOrDefault(p => string.Equals(p.Name, dernier, StringComparison.OrdinalIgnoreCase));
            var attendu = propriete?.PropertyType ?? nomme;
            if (attendu is not null && champ.EndsWith(']') && ElementDe(attendu) is { } element) attendu = element;
            return Erreurs.Une(champ, attendu is null ? MessageSelonType(conversion.Groups["type"].Value) : MessageSelonType(attendu));
        }
        return Erreurs.Une(champ, champ.Length == 0
            ? "Le corps de la requête n'est pas un JSON valide."
            : "Le corps de la requête n'est pas un JSON valide à partir de ce champ.");
    }

    /// <summary>"$.essms[2].categorieCode" → "essms[2].categorieCode"; "$" → "".</summary>
    public static string Champ(string? chemin)
    {
        if (string.IsNullOrEmpty(chemin) || chemin == "$") return "";
        var c = chemin.StartsWith("$.", StringComparison.Ordinal) ? chemin[2..] : chemin.TrimStart('$');
        return CleEntreCrochets().Replace(c, x => "." + x.Groups[1].Value).TrimStart('.');
    }

    public static string MessageSelonType(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsEnum ? $"valeur inconnue ; valeurs admises : {string.Join(", ", Enum.GetNames(t))}." : MessageSelonType(t.FullName ?? t.Name);
    }

    private static Type? ElementDe(Type t) =>
        t.IsArray ? t.GetElementType() : t.IsGenericType && t != typeof(string) && t.GetGenericArguments().Length == 1 ? t.GetGenericArguments()[0] : null;

    private static Type? TypeNomme(string nom)
    {
        var t = nom.Trim();
        var nullable = NullableEnClair().Match(t);
        if (nullable.Success) t = nullable.Groups["t"].Value;
        return Type.GetType(t) ?? Types.GetOrAdd(t, n => ApplicationTypes().FirstOrDefault(x => x.FullName == n || x.FullName == n.Replace('+', '.')));
    }

    private static readonly ConcurrentDictionary<string, Type?> Types = new();

    private static IEnumerable<Type> ApplicationTypes() => AppDomain.CurrentDomain.GetAssemblies()
        .Where(a => !a.IsDynamic && !(a.FullName ?? "").StartsWith("System", StringComparison.Ordinal) && !(a.FullName ?? "").StartsWith("Microsoft", StringComparison.Ordinal))
        .SelectMany(a => { try { return a.GetTypes(); } catch (System.Reflection.ReflectionTypeLoadException x) { return x.Types.OfType<Type>(); } });

    /// <summary>What the field expects, from the type named by System.Text.Json ("System.Nullable`1[System.DateOnly]")
    /// or by the route binder ("DateOnly?").</summary>
    public static string MessageSelonType(string type)
    {
        var t = type.Trim();
        var nullable = NullableEnClair().Match(t);
        if (nullable.Success) t = nullable.Groups["t"].Value;
        t = t.TrimEnd('?');
        var court = t[(t.LastIndexOf('.') + 1)..];
        return court switch
        {
            "DateOnly" => "date invalide : attendue au format AAAA-MM-JJ, jour existant (par exemple 2026-02-28).",
            "DateTime" or "DateTimeOffset" => "date et heure invalides : attendues au format ISO 8601 (par exemple 2026-02-28T09:30:00+01:00).",
            "TimeOnly" => "heure invalide : attendue au format HH:MM (par exemple 09:30).",
            "Int32" or "int" or "Int64" or "long" or "Int16" or "short" or "Byte" or "byte" => "nombre entier attendu (chiffres, sans guillemets dans le JSON).",
            "Decimal" or "decimal" or "Double" or "double" or "Single" or "float" => "nombre attendu (par exemple 1250.50, sans guillemets dans le JSON).",
            "Boolean" or "bool" => "valeur attendue : true ou false.",
            "Guid" => "identifiant invalide (un GUID est attendu).",
            "String" or "string" => "texte attendu (entre guillemets).",
            _ when Enumeration(t) is { } e => $"valeur inconnue ; valeurs admises : {string.Join(", ", Enum.GetNames(e))}.",
            _ => "valeur invalide pour ce champ.",
        };
    }

    private static readonly ConcurrentDictionary<string, Type?> Enumerations = new();

    /// <summary>The enum named in the message, looked up among the application's loaded types (by full or short name).</summary>
    private static Type? Enumeration(string nom) => Enumerations.GetOrAdd(nom, n =>
    {
        var types = ApplicationTypes().Where(t => t.IsEnum);
        return n.Contains('.') ? types.FirstOrDefault(t => t.FullName == n.Replace('+', '.') || t.FullName == n) : types.FirstOrDefault(t => t.Name == n);
    });

    private static string Tronquer(string s) => s.Length <= 60 ? s : s[..60] + "…";

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<nom>[^ \"]+)\" from \"(?<valeur>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex ParametreNonLie();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<nom>[^ \"]+)\" was not provided from (?<source>[^.]+)\\.", RegexOptions.Singleline)]
    private static partial Regex ParametreManquant();

    [GeneratedRegex("^The JSON value could not be converted to (?<type>[^ ]+)\\. Path:")]
    private static partial Regex ConversionImpossible();

    [GeneratedRegex("^(?:System\\.Nullable`1\\[(?<t>.+)\\]|(?:System\\.)?Nullable<(?<t>.+)>)$")]
    private static partial Regex NullableEnClair();

    [GeneratedRegex("\\['([^']*)'\\]")]
    private static partial Regex CleEntreCrochets();
}

public static class ErreursDeLiaisonExtensions
{
    /// <summary>Binding failures of minimal API endpoints are raised (not answered with an empty 400) and turned into French field errors.</summary>
    public static IServiceCollection AjouterErreursDeLiaison(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ErreursDeLiaison>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }
}
