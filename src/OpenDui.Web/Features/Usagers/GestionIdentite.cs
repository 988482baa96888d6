using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Usagers;

public sealed record ModificationIdentite(
    string? NomNaissance, string? PrenomsNaissance, string? Sexe, DateOnly? DateNaissance, string? LieuNaissance,
    string? NomUtilise, string? PrenomUtilise, string? MatriculeIns, string? OidIns,
    bool Douteuse, bool Fictive, bool Homonyme, uint Version);

public sealed record ControleJustificatif(TypeJustificatif? Type, DateOnly? DateControle);

/// <summary>Changes to a usager's identity, by the admission staff of one of their ESSMS; every change of
/// trust level lands in the timeline (and, like every change, in the audit trail).</summary>
public sealed class GestionIdentite(OpenDuiDbContext db, PerimetreAcces perimetre)
{
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
        usager.ModifierTraits(traits);
        e.Fusionner(usager.EnregistrerMatriculeIns(m.MatriculeIns, m.OidIns));
        e.Fusionner(usager.DefinirAttributs(m.Douteuse, m.Fictive, m.Homonyme));
        if (e.Any) return Resultat<Guid>.Invalide(e);
        db.Noter(id, "Identite", "Identité modifiée");
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
