using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Features.Sejours;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Interop.Insi;

namespace OpenDui.Web.Features.Usagers;

public sealed record ResultatRechercheIns(ReponseInsi Reponse, IReadOnlyList<EcartTrait> Ecarts);

/// <summary>The outcome of an acceptance: the new level, and whether the document check had to be withdrawn
/// because INSi's traits differ from those it was checked against.</summary>
public sealed record AcceptationInsi(Guid Id, string Statut, bool JustificatifARecontroler);

/// <summary>
/// "Rechercher l'INS" from the record: asks INSi with the birth traits, shows the returned traits beside the
/// local ones, and on acceptance takes them as birth traits with the INS (→ RECUP, or QUAL after a document
/// check against the same traits). Acceptance asks INSi again and applies only the identity the user saw, so
/// nothing stale is written. Every call to INSi is traced (who, for which usager, the answer; no traits).
/// </summary>
public sealed class QualificationIns(OpenDuiDbContext db, PerimetreAcces perimetre, IOptions<InsiOptions> options,
    ILogger<QualificationIns> log, IRechercheInsi? insi = null)
{    /// <summary>The record's identity as held (domain object, not tracked); the caller has checked the perimeter.</summary>
    public Task<Usager> UsagerAsync(Guid id, CancellationToken ct) => db.Usagers.AsNoTracking().SingleAsync(x => x.Id == id, ct);


    public bool InsiConfigure => insi is not null;
    private bool AccepterOidTest => options.Value.AccepterOidTest;

    public async Task<Resultat<ResultatRechercheIns>> RechercherAsync(Guid usagerId, CancellationToken ct)
    {
        var (usager, erreur) = await PreparerAsync(usagerId, ct);
        if (usager is null) return erreur is null ? Resultat<ResultatRechercheIns>.Introuvable() : Resultat<ResultatRechercheIns>.Invalide(erreur);
        var reponse = await insi!.RechercherAsync(TraitsDeNaissance(usager), ct);
        await TracerAppelAsync(usagerId, "recherche", reponse, ct);
        if (reponse.Issue == IssueRechercheInsi.Indisponible) return Resultat<ResultatRechercheIns>.Indisponible(reponse.Message);
        var ecarts = reponse.Identite is { } id ? ComparaisonTraits.Comparer(usager, id.Traits) : [];
        return Resultat<ResultatRechercheIns>.Ok(new ResultatRechercheIns(reponse, ecarts));
    }

    public async Task<Resultat<AcceptationInsi>> AccepterAsync(Guid usagerId, string? matriculeVu, CancellationToken ct)
    {
        var (usager, erreur) = await PreparerAsync(usagerId, ct);
        if (usager is null) return erreur is null ? Resultat<AcceptationInsi>.Introuvable() : Resultat<AcceptationInsi>.Invalide(erreur);
        var reponse = await insi!.RechercherAsync(TraitsDeNaissance(usager), ct);
        await TracerAppelAsync(usagerId, "acceptation", reponse, ct);
        if (reponse.Issue == IssueRechercheInsi.Indisponible) return Resultat<AcceptationInsi>.Indisponible(reponse.Message);
        if (reponse.Issue != IssueRechercheInsi.Trouvee || reponse.Identite is not { } id)
            return Resultat<AcceptationInsi>.Invalide("", reponse.Message);
        if (id.Matricule != matriculeVu)
            return Resultat<AcceptationInsi>.Conflit(Erreurs.Une("", "La réponse de l'INSi a changé depuis l'affichage : relancez la recherche."));
        // Another living record with this INS is an identity-vigilance alert: never a silent merge, nor a second holder.
        if (await CollisionsIns.ExisteAsync(db, usagerId, id.Matricule, ct))
        {
            log.LogWarning("INSi : acceptation refusée, l'INS retourné est déjà porté par un autre dossier (collision d'INS).");
            return Resultat<AcceptationInsi>.Conflit(CollisionsIns.Alerte(""));
        }
        var (traits, e) = TraitsIdentite.Valider(id.Traits.NomNaissance, id.Traits.Prenoms, id.Traits.Sexe.ToString(), id.Traits.DateNaissance,
            id.Traits.LieuNaissance, null, null, db.Aujourdhui);
        if (traits is null) return Resultat<AcceptationInsi>.Invalide(e);
        var avant = usager.Statut;
        var justificatif = usager.JustificatifType;
        e = usager.AccepterIdentiteInsi(traits, id.Matricule, id.Oid, db.Maintenant, AccepterOidTest);
        if (e.Any) return Resultat<AcceptationInsi>.Invalide(e);
        var aRecontroler = justificatif is not null && usager.JustificatifType is null;
        db.Noter(usager.Id, "Insi", "Identité récupérée via le téléservice INSi et acceptée" + (id.Historique.Count > 0 ? $" ({id.Historique.Count} INS antérieur(s) signalé(s))" : ""));
        if (aRecontroler)
            db.Noter(usager.Id, "Justificatif", $"Contrôle du justificatif retiré : les traits de l'INSi diffèrent de ceux contrôlés sur le justificatif ({justificatif!.Value.Libelle()}) ; contrôlez de nouveau la pièce d'identité.");
        if (usager.Statut != avant)
            db.Noter(usager.Id, "StatutIdentite", $"Statut de l'identité : {avant.Code()} → {usager.Statut.Code()} (téléservice INSi)");
        await db.SaveChangesAsync(ct);
        return Resultat<AcceptationInsi>.Ok(new AcceptationInsi(usager.Id, usager.Statut.Code(), aRecontroler));
    }

    public async Task<Resultat<Guid>> RejeterAsync(Guid usagerId, string? motif, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(usagerId, Roles.GestionnairesAdmission, ct)) return Resultat<Guid>.Introuvable();
        if (string.IsNullOrWhiteSpace(motif) || motif.Length > 300) return Resultat<Guid>.Invalide("motif", "Indiquez pourquoi l'identité INSi est rejetée (300 caractères au plus).");
        var erreursMotif = new Erreurs();
        if (!TexteLibre.Verifier(motif.Trim(), "motif", "Le motif", erreursMotif)) return Resultat<Guid>.Invalide(erreursMotif);
        db.Noter(usagerId, "Insi", $"Identité proposée par l'INSi rejetée : {motif.Trim()}");
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(usagerId);
    }

    private async Task<(Usager? Usager, Erreurs? Erreur)> PreparerAsync(Guid usagerId, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(usagerId, Roles.GestionnairesAdmission, ct)) return (null, null);
        var usager = await db.Usagers.SingleAsync(u => u.Id == usagerId, ct);
        if (insi is null) return (null, Erreurs.Une("", "Le téléservice INSi n'est pas configuré sur cette installation."));
        if (usager.Douteuse || usager.Fictive)
            return (null, Erreurs.Une("", "L'identité est signalée douteuse ou fictive : l'appel au téléservice INSi n'est pas permis."));
        if (usager.Sexe is not (Sexe.F or Sexe.M))
            return (null, Erreurs.Une("Sexe", ClientInsiSoap.MessageSexeIndetermine));
        return (usager, null);
    }

    /// <summary>The INSi call is an act on the person's data: traced in the change trail, in its own save so that
    /// it stays even when the acceptance is refused afterwards (nothing else is pending at this point).</summary>
    private async Task TracerAppelAsync(Guid usagerId, string usage, ReponseInsi reponse, CancellationToken ct)
    {
        db.TracerActe(nameof(Usager), usagerId.ToString(), "INSi", new
        {
            operation = "rechercherInsAvecTraitsIdentite", usage,
            compteRendu = reponse.Issue switch
            {
                IssueRechercheInsi.Trouvee => "00",
                IssueRechercheInsi.NonTrouvee => "01",
                IssueRechercheInsi.Multiple => "02",
                _ => "indisponible",
            },
        }, usagerId);
        await db.SaveChangesAsync(ct);
    }

    private static TraitsIdentite TraitsDeNaissance(Usager u) =>
        new(u.NomNaissance, u.PrenomsNaissance, u.PremierPrenom, u.Sexe, u.DateNaissance, u.LieuNaissance, null, null);
}
