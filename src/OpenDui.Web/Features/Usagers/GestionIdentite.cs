using OpenDui.Web.Features.Sejours;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Interop.Insi;

namespace OpenDui.Web.Features.Usagers;

public sealed record ModificationIdentite(
    string? NomNaissance, string? PrenomsNaissance, string? Sexe, DateOnly? DateNaissance, string? LieuNaissance,
    string? NomUtilise, string? PrenomUtilise, string? MatriculeIns, string? OidIns,
    bool Douteuse, bool Fictive, bool Homonyme, uint Version);

/// <summary>The identity as stored, in the shape <c>PUT …/identite</c> takes back: the matricule INS is given even when not
/// qualified, to the admission staff only (who manage it), so that a client re-sending the identity does not erase it.</summary>
public sealed record IdentiteEnregistree(
    string NomNaissance, string PrenomsNaissance, string Sexe, DateOnly DateNaissance, string? LieuNaissance,
    string? NomUtilise, string? PrenomUtilise, string? MatriculeIns, string? OidIns,
    bool Douteuse, bool Fictive, bool Homonyme, uint Version, string Statut, bool InsRecupereViaInsi);

public sealed record ControleJustificatif(TypeJustificatif? Type, DateOnly? DateControle);

public sealed record RetraitJustificatif(string? Motif);

/// <summary>Changes to a usager's identity, by the admission staff of one of their ESSMS; every change of
/// trust level lands in the timeline (and, like every change, in the audit trail).</summary>
public sealed class GestionIdentite(OpenDuiDbContext db, PerimetreAcces perimetre, IOptions<InsiOptions> options)
{    /// <summary>The record's identity as held (domain object, not tracked); the caller has checked the perimeter.</summary>
    public Task<Usager> UsagerAsync(Guid id, CancellationToken ct) => db.Usagers.AsNoTracking().SingleAsync(x => x.Id == id, ct);


    public async Task<Resultat<IdentiteEnregistree>> LireAsync(Guid id, CancellationToken ct)
    {
        var u = await ChargerAsync(id, ct);
        if (u is null) return Resultat<IdentiteEnregistree>.Introuvable();
        return Resultat<IdentiteEnregistree>.Ok(new IdentiteEnregistree(u.NomNaissance, u.PrenomsNaissance, u.Sexe.ToString(), u.DateNaissance, u.LieuNaissance,
            u.NomUtilise, u.PrenomUtilise, u.MatriculeIns, u.OidIns, u.Douteuse, u.Fictive, u.Homonyme, u.Version, u.Statut.Code(), u.RecupereeViaInsi));
    }

    public async Task<Resultat<Guid>> ModifierAsync(Guid id, ModificationIdentite m, CancellationToken ct)
    {
        var usager = await ChargerAsync(id, ct);
        if (usager is null) return Resultat<Guid>.Introuvable();
        if (usager.Version != m.Version)
            return Resultat<Guid>.Conflit(Erreurs.Une("", "Le dossier a été modifié par quelqu'un d'autre entre-temps : rechargez-le avant de modifier."));
        var (traits, e) = TraitsIdentite.Valider(m.NomNaissance, m.PrenomsNaissance, m.Sexe, m.DateNaissance, m.LieuNaissance,
            m.NomUtilise, m.PrenomUtilise, db.Aujourdhui);
        if (traits is null) return Resultat<Guid>.Invalide(e);
        var avant = usager.Statut;
        var (insi, justificatif, ins) = (usager.RecupereeViaInsi, usager.JustificatifType, usager.MatriculeIns);
        var (sexe, naissance) = (usager.Sexe, usager.DateNaissance);
        // The INS first, against the record as it stands: an INS that INSi returned cannot be typed over.
        e.Fusionner(usager.EnregistrerMatriculeIns(m.MatriculeIns, m.OidIns, options.Value.AccepterOidTest));
        usager.ModifierTraits(traits);
        e.Fusionner(usager.DefinirAttributs(m.Douteuse, m.Fictive, m.Homonyme));
        // An INS typed (or kept while the birth traits change) must agree with the birth traits it now goes with.
        if (!e.Any && usager.MatriculeIns is not null && (usager.MatriculeIns != ins || usager.Sexe != sexe || usager.DateNaissance != naissance))
            e.Fusionner(usager.ControlerCoherenceIns());
        if (e.Any) return Resultat<Guid>.Invalide(e);
        // The rule of the INSi path: another living record holding this INS is an alert for the referent, never a second holder.
        if (usager.MatriculeIns is { } nouveau && nouveau != ins && await CollisionsIns.ExisteAsync(db, id, nouveau, ct))
            return Resultat<Guid>.Conflit(CollisionsIns.Alerte(nameof(m.MatriculeIns)));
        db.Noter(id, "Identite", "Identité modifiée");
        if (insi && !usager.RecupereeViaInsi)
            db.Noter(id, "Insi", "Récupération via l'INSi retirée (traits de naissance modifiés ou identité signalée douteuse ou fictive)");
        if (justificatif is { } j && usager.JustificatifType is null)
            db.Noter(id, "Justificatif", $"Contrôle du justificatif ({j.Libelle()}) retiré : traits de naissance modifiés ou identité signalée douteuse ou fictive");
        if (ins is not null && usager.MatriculeIns is null && usager.Fictive)
            db.Noter(id, "Insi", "Matricule INS retiré : une identité fictive ne porte pas d'INS");
        NoterStatut(usager, avant, "modification de l'identité");
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(id);
    }

    public async Task<Resultat<Guid>> ValiderAsync(Guid id, ControleJustificatif c, CancellationToken ct)
    {
        var usager = await ChargerAsync(id, ct);
        if (usager is null) return Resultat<Guid>.Introuvable();
        if (c.Type is not { } type || !Enum.IsDefined(type)) return Resultat<Guid>.Invalide("Type", "Le type de justificatif est obligatoire.");
        if (c.DateControle is not { } date) return Resultat<Guid>.Invalide("DateControle", "La date du contrôle est obligatoire.");
        var avant = usager.Statut;
        var e = usager.ValiderParJustificatif(type, date, db.Aujourdhui);
        if (e.Any) return Resultat<Guid>.Invalide(e);
        db.Noter(id, "Justificatif", $"Justificatif d'identité contrôlé : {type.Libelle()} le {date:dd/MM/yyyy}");
        NoterStatut(usager, avant, $"contrôle du justificatif ({type.Libelle()})");
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(id);
    }

    /// <summary>Withdraws the document check, with the reason (recorded in the timeline and the change trail).</summary>
    public async Task<Resultat<Guid>> RetirerJustificatifAsync(Guid id, RetraitJustificatif r, CancellationToken ct)
    {
        var usager = await ChargerAsync(id, ct);
        if (usager is null) return Resultat<Guid>.Introuvable();
        if (string.IsNullOrWhiteSpace(r.Motif) || r.Motif.Trim().Length > 300)
            return Resultat<Guid>.Invalide("Motif", "Indiquez pourquoi la vérification du justificatif est retirée (300 caractères au plus).");
        var erreursMotif = new Erreurs();
        if (!TexteLibre.Verifier(r.Motif.Trim(), "Motif", "Le motif", erreursMotif)) return Resultat<Guid>.Invalide(erreursMotif);
        var (avant, type) = (usager.Statut, usager.JustificatifType);
        var e = usager.RetirerJustificatif();
        if (e.Any) return Resultat<Guid>.Invalide(e);
        db.Noter(id, "Justificatif", $"Vérification du justificatif ({type!.Value.Libelle()}) retirée : {r.Motif.Trim()}");
        NoterStatut(usager, avant, "retrait de la vérification du justificatif");
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(id);
    }

    private void NoterStatut(Usager u, StatutIdentite avant, string methode)
    {
        if (u.Statut != avant)
            db.Noter(u.Id, "StatutIdentite", $"Statut de l'identité : {avant.Code()} → {u.Statut.Code()} ({methode})");
    }

    private async Task<Usager?> ChargerAsync(Guid id, CancellationToken ct) =>
        await perimetre.PeutAgirAsync(id, Roles.GestionnairesAdmission, ct)
            ? await db.Usagers.SingleOrDefaultAsync(u => u.Id == id, ct)
            : null;
}
