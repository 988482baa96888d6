namespace OpenDui.Web.Features.Consentements;

/// <summary>
/// What another module does when a decision of the person is recorded or withdrawn (a withdrawn consent to the
/// identification photo deletes the photo). Registered as a scoped service by that module; called by
/// <see cref="GestionConsentements"/> before it saves, so that the module's changes are in the same transaction.
/// </summary>
public interface IEffetChoix
{
    /// <param name="decision">What rules for this act once the change is saved.</param>
    /// <returns>An action to run once the transaction is saved (deleting stored bytes), or null.</returns>
    Task<Func<Task>?> AppliquerAsync(Guid usagerId, ActeSoumis acte, DecisionChoix decision, CancellationToken ct);
}
