using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features;

namespace OpenDui.Web.Infrastructure.Api;

public static class ReponsesApi
{
    /// <summary>Maps a use case's outcome to HTTP: 200/201, 400 or 409 ValidationProblem, 404 or 503 ProblemDetails.</summary>
    public static IResult VersHttp<T>(this Resultat<T> r, Func<T, IResult>? succes = null) => r.Statut switch
    {
        StatutResultat.Ok => succes is null ? TypedResults.Ok(r.Valeur) : succes(r.Valeur!),
        StatutResultat.Introuvable => TypedResults.Problem(statusCode: 404, title: "Introuvable ou hors de votre périmètre."),
        StatutResultat.Conflit => TypedResults.Problem(statusCode: 409, title: string.Join(" ", r.Erreurs.Messages),
            extensions: new Dictionary<string, object?> { ["errors"] = Dictionnaire(r.Erreurs), ["details"] = r.Valeur }),
        StatutResultat.Indisponible => TypedResults.Problem(statusCode: 503, title: string.Join(" ", r.Erreurs.Messages)),
        _ => TypedResults.ValidationProblem(Dictionnaire(r.Erreurs), title: "La demande contient des erreurs."),
    };

    private static Dictionary<string, string[]> Dictionnaire(Erreurs e) =>
        e.ParChamp.ToDictionary(p => p.Key.Length == 0 ? "general" : p.Key, p => p.Value);

    /// <summary>Copies a use case's errors onto a form.</summary>
    public static void Reporter(this ModelStateDictionary ms, Erreurs e, string prefixe = "")
    {
        foreach (var (champ, messages) in e.ParChamp)
            foreach (var m in messages)
                ms.AddModelError(champ.Length == 0 ? "" : (prefixe.Length == 0 ? champ : $"{prefixe}.{champ}"), m);
    }

    public static bool EstConflitDeConcurrence(this Exception e) => e is DbUpdateConcurrencyException;
}
