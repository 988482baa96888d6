namespace OpenDui.Web.Features.Evaluations;

/// <summary>An evaluation just validated (not yet saved), its grid's name and its result in words.</summary>
public sealed record EvaluationValidee(Evaluation Evaluation, string Grille, string Resultat);

/// <summary>What a module does when an evaluation is validated (registered in its Module.cs): it adds rows to the context
/// without saving (they are committed with the validation).</summary>
public interface ISuiteValidationEvaluation
{
    Task ApresValidationAsync(EvaluationValidee evaluation, CancellationToken ct);
}
