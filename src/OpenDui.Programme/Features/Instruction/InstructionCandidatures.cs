using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Features.CiblesUsage;
using OpenDui.Programme.Features.Enveloppes;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Features.Instruction;

public sealed record ActeRecevabilite(bool Recevable, string? Motif);
public sealed record ActeComplements(string? Motif);
public sealed record ActeConsultationCd(string? Departement, DateOnly SaisiLe, DateOnly? ReponduLe, string? Avis);
/// <param name="RegionSuivi">National call only: the ARS that will follow the selected project (by default the region with most of its ESSMS).</param>
public sealed record ActeDecision(bool Retenue, DateOnly Jalon, decimal Montant, string? Motif, string? RegionSuivi = null);
public sealed record ActeEtape(Etape Etape, DateOnly Date);
public sealed record ActeVersement(int Tranche, DateOnly Date);

/// <summary>What the instructing ARS (or the CNSA for the national call) does with a filed candidature, from
/// receivability to the payments. Every act is journaled with its author.</summary>
public sealed class InstructionCandidatures(ProgrammeDbContext db, TimeProvider horloge, Campagnes campagnes, CalendriersArs calendriers)
{
    /// <summary>The journal keeps what the ARS asked for (the porteur's page shows it while the file is to be completed).</summary>
    public const string PrefixeComplements = "Compléments demandés au porteur : ";

    public async Task StatuerRecevabiliteAsync(Acteur a, Guid id, ActeRecevabilite acte, CancellationToken ct = default)
    {
        var c = await ChargerAsync(a, id, ct);
        c.StatuerRecevabilite(acte.Recevable, acte.Motif);
        // Bumped even when the status stays Deposee, so two concurrent rulings conflict (409).
        db.Entry(c).Property(x => x.Version).IsModified = true;
        Journaliser(c, a, "Recevabilite", acte.Recevable ? "Dossier déclaré recevable." : $"Dossier déclaré irrecevable : {acte.Motif}");
        await db.SaveChangesAsync(ct);
    }

    public async Task DemanderComplementsAsync(Acteur a, Guid id, ActeComplements acte, CancellationToken ct = default)
    {
        var c = await ChargerAsync(a, id, ct);
        c.DemanderComplements(acte.Motif ?? "");
        Journaliser(c, a, "Complements", PrefixeComplements + acte.Motif?.Trim());
        await db.SaveChangesAsync(ct);
    }

    public async Task TracerConsultationAsync(Acteur a, Guid id, ActeConsultationCd acte, CancellationToken ct = default)
    {
        var c = await ChargerAsync(a, id, ct);
        var dep = acte.Departement?.Trim() ?? "";
        if (!Referentiels.Courant.Departements.ContainsKey(dep)) throw new RegleException("Département inconnu.");
        var nouvelle = c.TracerConsultation(dep, acte.SaisiLe, acte.ReponduLe, acte.Avis, a.Nom, Aujourdhui);
        if (nouvelle is not null) db.Consultations.Add(nouvelle);
        var consultation = c.Consultations.Single(x => x.DepartementCode == dep);
        // The file's row is updated too: two instructors tracing the same département at once conflict (409).
        db.Entry(c).Property(x => x.Version).IsModified = true;
        Journaliser(c, a, "ConsultationCd", $"Conseil départemental {dep} saisi le {acte.SaisiLe:dd/MM/yyyy}"
            + (acte.ReponduLe is { } rep ? $", réponse le {rep:dd/MM/yyyy}{(consultation.Avis is null ? "" : " : " + consultation.Avis.TrimEnd('.'))}." : ", réponse attendue."));
        await db.SaveChangesAsync(ct);
    }

    public async Task ConstaterCompletudeAsync(Acteur a, Guid id, CancellationToken ct = default)
    {
        var c = await ChargerAsync(a, id, ct);
        var s = c.Calculer(await campagnes.ParametresAsync(c.Annee, ct), Referentiels.Courant, await AmoaAccordee.AilleursAsync(db, c, ct));
        c.ConstaterCompletude(s);
        Journaliser(c, a, "Completude", "Dossier complet : toutes les pièces requises sont présentes.");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Decision at a milestone; a selected project is committed on its envelope in the same transaction.</summary>
    public async Task DeciderAsync(Acteur a, Guid id, ActeDecision acte, CancellationToken ct = default)
    {
        var c = await ChargerAsync(a, id, ct);
        var p = await campagnes.ParametresAsync(c.Annee, ct);
        // Recomputed now: another candidature of the porteur may have taken part of its AMOA ceiling since completeness.
        c.Calculer(p, Referentiels.Courant, await AmoaAccordee.AilleursAsync(db, c, ct));
        c.Decider(acte.Retenue, acte.Jalon, acte.Montant, acte.Motif, p, horloge.GetUtcNow(), await calendriers.JalonsPublies(c.Annee, c.RegionInstructrice, ct));
        if (c.EstFinancee) c.DesignerArsDeSuivi(acte.RegionSuivi);
        if (c.EstFinancee)
        {
            var region = c.RegionInstructrice ?? Enveloppe.National;
            await Budget.ReserverAsync(db, c.Annee, region, ct);
            var situation = await Budget.SituationAsync(db, c.Annee, region, ct);
            var dejaEngagee = await db.Engagements.AnyAsync(e => e.CandidatureId == c.Id, ct);
            db.Engagements.Add(ReglesBudget.Engager(c, situation, dejaEngagee, p, Aujourdhui, a.Nom));
        }
        Journaliser(c, a, "Decision", (c.EstFinancee ? $"Projet retenu au jalon du {acte.Jalon:dd/MM/yyyy} pour {c.MontantAccorde:N0} € (engagé)" : $"Projet non retenu au jalon du {acte.Jalon:dd/MM/yyyy}") + $" : {c.MotifDecision}");
        await db.SaveChangesAsync(ct);
    }

    public async Task FranchirEtapeAsync(Acteur a, Guid id, ActeEtape acte, CancellationToken ct = default)
    {
        var c = await ChargerAsync(a, id, ct);
        if (!Enum.IsDefined(acte.Etape)) throw new RegleException("Étape inconnue.");
        if (acte.Date > Aujourdhui) throw new RegleException("La date d'une étape franchie ne peut pas être dans le futur.");
        if (acte.Etape == Etape.CiblesAtteintes)
        {
            var evaluation = await new SuiviCibles(db).EvaluerAsync(c, ct);
            if (evaluation.Count == 0 || evaluation.Any(r => !r.Atteinte))
                throw new RegleException("Les cibles d'usage ne sont pas toutes atteintes et prouvées par un rapport signé : le second versement ne peut pas être déclenché.");
        }
        var versement = c.FranchirEtape(acte.Etape, acte.Date);
        if (versement is not null) db.Versements.Add(versement);
        Journaliser(c, a, "Etape", $"{acte.Etape.Libelle()} le {acte.Date:dd/MM/yyyy}."
            + (versement is null ? "" : $" Versement {(versement.Tranche == 1 ? "de la première" : "de la seconde")} tranche ouvert : {versement.Montant:N2} €."));
        await db.SaveChangesAsync(ct);
    }

    public async Task VerserAsync(Acteur a, Guid id, ActeVersement acte, CancellationToken ct = default)
    {
        var c = await ChargerAsync(a, id, ct);
        var v = c.Verser(acte.Tranche, acte.Date, Aujourdhui, a.Nom);
        // The file's row is updated too, so two payments read from the same state conflict (409) instead of both passing.
        db.Entry(c).Property(x => x.Version).IsModified = true;
        Journaliser(c, a, "Versement", $"Tranche {acte.Tranche} versée le {acte.Date:dd/MM/yyyy} : {v.Montant:N2} €.");
        await db.SaveChangesAsync(ct);
    }

    private async Task<Candidature> ChargerAsync(Acteur a, Guid id, CancellationToken ct)
    {
        var c = await db.Candidatures.Visibles(a).Include(x => x.Porteur)
            .Include(x => x.Essms).Include(x => x.Pieces).Include(x => x.Consultations).Include(x => x.Versements)
            .FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new IntrouvableException();
        if (!a.PeutInstruire(c)) throw new InterditException();
        c.Essms = c.Essms.OrderBy(e => e.FinessEt).ToList();
        return c;
    }

    /// <summary>Today in Paris, whatever the server's time zone (a UTC server is still on yesterday until 1 or 2 a.m.).</summary>
    private DateOnly Aujourdhui => DateOnly.FromDateTime(horloge.GetUtcNow().HeureDeParis().DateTime);

    private void Journaliser(Candidature c, Acteur a, string type, string libelle) => Journal.Ajouter(db, c, a, type, libelle, horloge);
}
