using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace OpenDui.Hote;

/// <summary>A use case's outcome as typed HTTP results (so that /openapi/v1.json documents every answer):
/// 400 ValidationProblem keyed by field, 404 and 409 ProblemDetails, 403 and 503 problems; all in French.</summary>
public static class ReponsesHttp
{
    public const string TitreInvalide = "La demande contient des erreurs.";

    public static Results<TOk, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult> VersHttp<T, TOk>(
        this Resultat<T> r, Func<T, TOk> succes) where TOk : IResult => r.Statut switch
    {
        StatutResultat.Ok => succes(r.Valeur!),
        StatutResultat.Invalide => Invalide(r.Erreurs),
        StatutResultat.Introuvable => Introuvable(),
        StatutResultat.Conflit => Conflit(r.Erreurs),
        StatutResultat.Interdit => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Titre(r.Erreurs, Resultat.MessageInterdit)),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: Titre(r.Erreurs, "Service momentanément indisponible : réessayez plus tard.")),
    };

    /// <summary>200 with the value itself.</summary>
    public static Results<Ok<T>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult> VersHttp<T>(this Resultat<T> r) =>
        r.VersHttp(TypedResults.Ok);

    /// <summary>204 for a use case that returns nothing.</summary>
    public static Results<NoContent, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult> VersHttp(this Resultat<Rien> r) =>
        r.VersHttp(_ => TypedResults.NoContent());

    /// <summary>400 keyed by field ("general" for the whole request); a lone message is also the title, which clients show first.</summary>
    public static ValidationProblem Invalide(Erreurs e) =>
        TypedResults.ValidationProblem(Dictionnaire(e), title: e.Messages.Count() == 1 ? e.Messages.Single() : TitreInvalide);

    public static NotFound<ProblemDetails> Introuvable() => TypedResults.NotFound(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound, Title = Resultat.MessageIntrouvable, Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
    });

    public static Conflict<ProblemDetails> Conflit(Erreurs e)
    {
        var pd = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = Titre(e, "Conflit avec l'état actuel des données : rechargez et recommencez."),
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.10" };
        pd.Extensions["errors"] = Dictionnaire(e);
        return TypedResults.Conflict(pd);
    }

    public static Dictionary<string, string[]> Dictionnaire(Erreurs e) =>
        e.ParChamp.ToDictionary(p => p.Key.Length == 0 ? "general" : p.Key, p => p.Value);

    private static string Titre(Erreurs e, string parDefaut) => e.Any ? string.Join(" ", e.Messages) : parDefaut;
}
