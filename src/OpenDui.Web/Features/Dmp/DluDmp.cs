using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Features.Consentements;
using OpenDui.Web.Features.Evaluations;
using OpenDui.Web.Features.Medicaments;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Soins;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Interop.Cda;

namespace OpenDui.Web.Features.Dmp;

/// <summary>
/// The EHPAD's Document de Liaison d'Urgence (level-3 CDA <see cref="Dlu"/>) from what the DUI knows: the entourage
/// (personnes à prévenir, personne de confiance), the directives anticipées, the GIR of the last validated AGGIR
/// evaluation, the active prescriptions (Medicaments), the active allergies (Soins) and the médecin traitant (the
/// entourage's contact whose relationship says "médecin traitant": the DUI has no other place for them). Sent on demand
/// from the record's DMP page; refreshed (a new version replacing the previous one) when its content changed.
/// </summary>
public sealed class DluDmp(OpenDuiDbContext db, PerimetreAcces perimetre, PreparationDmp preparation, PartageDmp partage)
{
    public const string SansMedecin =
        "Le DLU nomme le médecin traitant : ajoutez-le à l'entourage de la personne avec le lien « médecin traitant », puis recommencez.";

    /// <summary>A professional sends (or refreshes) the person's DLU now; nothing when it is unchanged since the last one.</summary>
    public async Task<Resultat<Rien>> VerserAsync(Guid usagerId, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<Rien>.Introuvable();
        if (!await perimetre.PeutAgirAsync(usagerId, GestionDmp.Gestionnaires, ct))
            return Resultat<Rien>.Interdit("Seuls la direction, les chefs de service, le médecin et les infirmiers envoient le DLU au DMP.");
        var possible = await partage.PeutVerserAsync(usagerId, ct);
        if (!possible.Possible) return Resultat<Rien>.Conflit("", possible.Raison!);
        var r = await PreparerAsync(usagerId, db.Auteur.Id, db.Auteur.Nom, ct);
        if (r is not null) return Resultat<Rien>.Conflit("", r);
        await db.SaveChangesAsync(ct);
        return Resultat.Fait;
    }

    /// <summary>For every person whose DLU was sent, a new version when what it says changed (an automatic send: the structure is its author).</summary>
    public async Task<int> ActualiserAsync(CancellationToken ct)
    {
        var usagers = await db.DocumentsDmp.AsNoTracking().Where(d => d.Titre == Titre && d.Etat != EtatDocumentDmp.Supprime)
            .Select(d => d.UsagerId).Distinct().ToListAsync(ct);
        var n = 0;
        foreach (var u in usagers)
            if (await PreparerAsync(u, null, "", ct) is null && db.ChangeTracker.HasChanges()) { await db.SaveChangesAsync(ct); n++; }
        return n;
    }

    public const string Titre = "Document de liaison d'urgence (DLU)";

    /// <summary>Prepares the DLU if it changed; the French reason when it cannot be made, null otherwise.</summary>
    private async Task<string?> PreparerAsync(Guid usagerId, Guid? auteurId, string auteurNom, CancellationToken ct)
    {
        var sejour = await db.Sejours.AsNoTracking().Where(s => s.UsagerId == usagerId && !s.Annule)
            .Join(db.Set<Essms>().AsNoTracking().Where(e => e.ChampActivite == ChampActivite.PA), s => s.EssmsId, e => e.Id, (s, e) => s)
            .OrderByDescending(s => s.DateAdmissionPrevue).FirstOrDefaultAsync(ct);
        if (sejour is null) return "Le DLU est le document des personnes accueillies en EHPAD : la personne n'y a pas de séjour.";
        var donnees = await DonneesAsync(usagerId, ct);
        if (donnees is null) return SansMedecin;
        var serie = PreparationDmp.IdDerive("dlu:" + usagerId);
        var source = PreparationDmp.IdDerive("dlu:" + usagerId + ":" + JsonSerializer.Serialize(donnees));
        if (await db.DocumentsDmp.AnyAsync(d => d.SourceId == source, ct)) return auteurId is null ? null : "Le DLU envoyé au DMP est déjà à jour.";
        var aujourdhui = DateOnly.FromDateTime(db.Maintenant.UtcDateTime);
        await preparation.PreparerAsync(new DocumentAPreparer(usagerId, sejour.EssmsId, sejour.Id, source, serie, TypeDocumentCda.DocumentLiaisonUrgence, Titre,
            aujourdhui, null, auteurId, auteurNom), (entete, _) => Task.FromResult(Dlu.Produire(entete, donnees)), ct);
        return null;
    }

    /// <summary>What the DUI knows for the DLU, or null without a médecin traitant (the model requires one).</summary>
    public async Task<DonneesDlu?> DonneesAsync(Guid usagerId, CancellationToken ct)
    {
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.UsagerId == usagerId).OrderBy(c => c.Nom).ToListAsync(ct);
        var medecin = contacts.FirstOrDefault(c => c.Lien is { } l && l.Contains("médecin traitant", StringComparison.OrdinalIgnoreCase));
        if (medecin is null) return null;
        ContactDlu Contact(Contact c) => new(c.Nom, c.Prenom, c.Telephone);
        var o = partage.Options;
        var directives = await db.DirectivesAnticipees.AsNoTracking().Where(d => d.UsagerId == usagerId).OrderByDescending(d => d.RecueilliLe).FirstOrDefaultAsync(ct);
        var gir = await db.Evaluations.AsNoTracking().Where(e => e.UsagerId == usagerId && e.Statut == StatutEvaluation.Validee && e.Gir != null)
            .OrderByDescending(e => e.DateEvaluation).ThenByDescending(e => e.ValideeLe).Select(e => new { e.Gir, e.DateEvaluation }).FirstOrDefaultAsync(ct);
        var maintenant = db.Maintenant;
        // Current treatments: the active prescriptions of the medication module, in words.
        var prescriptions = await db.Set<Prescription>().AsNoTracking()
            .Where(p => p.UsagerId == usagerId && p.Statut == StatutPrescription.Active).ToListAsync(ct);
        var traitements = prescriptions.Where(p => p.Fin is null || p.Fin >= maintenant).OrderBy(p => p.Libelle)
            .Select(p => new TraitementDlu(p.Libelle, $"{p.Dose:0.##} {p.Unite}, {p.Voie}" + (p.SiBesoin ? ", si besoin" : $", {p.Posologie().Libelle()}"),
                DateOnly.FromDateTime(p.Debut.UtcDateTime))).ToList();
        var etat = await AllergiesConnues.EtatAsync(db, usagerId, ct);
        IReadOnlyList<AllergieDlu>? allergies = etat switch
        {
            EtatAllergique.Connues => (await AllergiesConnues.ActivesAsync(db, usagerId, ct)).Select(a => new AllergieDlu(a.Libelle)).ToList(),
            EtatAllergique.AucuneConnue => [],
            _ => null,
        };
        return new DonneesDlu(
            contacts.Where(c => c.Roles.HasFlag(RoleContact.PersonneAPrevenir)).Select(Contact).ToList(),
            contacts.FirstOrDefault(c => c.Roles.HasFlag(RoleContact.PersonneDeConfiance)) is { } pc ? Contact(pc) : null,
            new DirectivesAnticipeesDlu(directives?.Existence switch
            {
                ExistenceDirectives.Oui => ReponseDlu.Oui,
                ExistenceDirectives.Non => ReponseDlu.Non,
                _ => ReponseDlu.Inconnue,
            }, directives?.Lieu),
            new MedecinDlu(medecin.Nom, medecin.Prenom, new IdentifiantCda(o.OidRacine + ".5", medecin.Id.ToString("N")), medecin.Telephone),
            gir?.Gir, gir?.DateEvaluation,
            traitements.Count == 0 ? null : traitements,
            allergies);
    }
}

/// <summary>Refreshes the DLUs sent to the DMP (a new version when their content changed), every <c>Dmp:ActualisationDluMinutes</c> (60 by default).</summary>
internal sealed class ActualisationDlu(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<ActualisationDlu> journal) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var minutes = configuration.GetValue("Dmp:ActualisationDluMinutes", 60);
        if (minutes <= 0) return;
        using var minuterie = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        while (await minuterie.WaitForNextTickAsync(ct))
        {
            try
            {
                using var scope = scopes.CreateScope();
                if (!scope.ServiceProvider.GetRequiredService<PartageDmp>().Options.Configure) continue;
                var n = await scope.ServiceProvider.GetRequiredService<DluDmp>().ActualiserAsync(ct);
                if (n > 0) journal.LogInformation("{Nombre} DLU actualisés pour le DMP", n);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                journal.LogWarning("Actualisation des DLU impossible : {Type}", e.GetType().Name);
            }
        }
    }
}
