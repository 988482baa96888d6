using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace OpenDui.Hote;

/// <summary>The body of a 201: the id of what was created.</summary>
public sealed record Cree(Guid Id);

/// <summary>A use case's outcome as typed HTTP results (so that /openapi/v1.json documents every answer):
/// 400 ValidationProblem keyed by field, 404 and 409 ProblemDetails, 403 and 503 problems; all in French.</summary>
public static class ReponsesHttp
{
    public const string TitreInvalide = "La demande contient des erreurs.";

    public static Results<TOk, ValidationProblem, ProblemeIntrouvable, ProblemeConflit, ProblemHttpResult> VersHttp<T, TOk>(
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
    public static Results<Ok<T>, ValidationProblem, ProblemeIntrouvable, ProblemeConflit, ProblemHttpResult> VersHttp<T>(this Resultat<T> r) =>
        r.VersHttp(TypedResults.Ok);

    /// <summary>201 with the new resource's id, at the address <paramref name="adresse"/> gives for it.</summary>
    public static Results<Created<Cree>, ValidationProblem, ProblemeIntrouvable, ProblemeConflit, ProblemHttpResult> VersHttpCree(
        this Resultat<Guid> r, Func<Guid, string> adresse) =>
        r.VersHttp(id => TypedResults.Created(adresse(id), new Cree(id)));

    /// <summary>204 for a use case that returns nothing.</summary>
    public static Results<NoContent, ValidationProblem, ProblemeIntrouvable, ProblemeConflit, ProblemHttpResult> VersHttp(this Resultat<Rien> r) =>
        r.VersHttp(_ => TypedResults.NoContent());

    /// <summary>400 keyed by field ("general" for the whole request); a lone message is also the title, which clients show first.</summary>
    public static ValidationProblem Invalide(Erreurs e) =>
        TypedResults.ValidationProblem(Dictionnaire(e), title: e.Messages.Count() == 1 ? e.Messages.Single() : TitreInvalide);

    public static ProblemeIntrouvable Introuvable() => new(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound, Title = Resultat.MessageIntrouvable, Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
    });

    public static ProblemeConflit Conflit(Erreurs e)
    {
        var pd = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = Titre(e, "Conflit avec l'état actuel des données : rechargez et recommencez."),
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.10" };
        pd.Extensions["errors"] = Dictionnaire(e);
        return new ProblemeConflit(pd);
    }

    public static Dictionary<string, string[]> Dictionnaire(Erreurs e) =>
        e.ParChamp.ToDictionary(p => p.Key.Length == 0 ? "general" : p.Key, p => p.Value);

    private static string Titre(Erreurs e, string parDefaut) => e.Any ? string.Join(" ", e.Messages) : parDefaut;
}

/// <summary>A ProblemDetails answer written as application/problem+json (a typed <c>NotFound&lt;ProblemDetails&gt;</c>
/// would be sent as application/json), and declared with its status in /openapi/v1.json.</summary>
public abstract class ReponseProbleme(ProblemDetails probleme)
    : IResult, IStatusCodeHttpResult, IValueHttpResult<ProblemDetails>, IValueHttpResult, IContentTypeHttpResult
{
    public const string TypeContenu = "application/problem+json";
    public ProblemDetails Value => probleme;
    object? IValueHttpResult.Value => probleme;
    public int? StatusCode => probleme.Status;
    public string ContentType => TypeContenu;

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Problem(probleme).ExecuteAsync(httpContext);

    protected static void Declarer(EndpointBuilder builder, int statut) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(statut, typeof(ProblemDetails), [TypeContenu]));
}

/// <summary>404: not found, or outside what the user may see.</summary>
public sealed class ProblemeIntrouvable(ProblemDetails probleme) : ReponseProbleme(probleme), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declarer(builder, StatusCodes.Status404NotFound);
}

/// <summary>409: the request contradicts the current state of the data (changed meanwhile, already taken...).</summary>
public sealed class ProblemeConflit(ProblemDetails probleme) : ReponseProbleme(probleme), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declarer(builder, StatusCodes.Status409Conflict);
}
