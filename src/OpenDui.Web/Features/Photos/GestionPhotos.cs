using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Consentements;
using OpenDui.Web.Features.Documents;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Photos;

/// <summary>The photo to show (its bytes, to dispose) and its detected type.</summary>
public sealed record FichierPhoto(Stream Contenu, string TypeContenu);

/// <summary>What the photo page shows: whether a photo is kept, the consent that rules now, and what the reader may do.</summary>
public sealed record EtatPhoto(Guid UsagerId, string Personne, bool APhoto, DateTimeOffset? PriseLe, string? PriseParNom, DecisionChoix Consentement, bool PeutDeposer);

/// <summary>
/// The identification photo: taken (from a file or the tablet's camera) only while the person consents, checked by its
/// content (JPEG or PNG, 2 Mo at most), stored as is in the document store; shown to whoever reads the record (each
/// showing traced); deleted by hand, or by the withdrawal of the consent (<see cref="EffacementPhotoSansConsentement"/>).
/// </summary>
public sealed class GestionPhotos(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal, IStockageDocuments stockage, ChoixDeLaPersonne choix)
{
    public const long TailleMax = 2L * 1024 * 1024;
    /// <summary>Those who take and delete the photo: the admission staff and the care team.</summary>
    public static readonly Role[] Photographes = GestionDocuments.Deposants;

    public const string MessageSansConsentement =
        "La personne (ou son représentant légal) n'a pas donné son accord pour la photo d'identification : enregistrez d'abord son accord dans ses choix et consentements.";

    public async Task<Resultat<Guid>> DeposerAsync(Guid usagerId, Stream contenu, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct) || !await perimetre.PeutAgirAsync(usagerId, Photographes, ct)) return Resultat<Guid>.Introuvable();
        var decision = await choix.PeutAsync(usagerId, ActeSoumis.PhotoIdentification, ct);
        if (!decision.Autorise) return Resultat<Guid>.Conflit("consentement", MessageSansConsentement + " " + decision.Raison);

        // Read at most one byte past the limit: a larger file is refused without being held whole.
        using var memoire = new MemoryStream();
        var tampon = new byte[81920];
        int n;
        while ((n = await contenu.ReadAsync(tampon, ct)) > 0)
        {
            memoire.Write(tampon, 0, n);
            if (memoire.Length > TailleMax) return Resultat<Guid>.Invalide("fichier", "La photo dépasse 2 Mo : reprenez-la en plus petite taille.");
        }
        if (memoire.Length == 0) return Resultat<Guid>.Invalide("fichier", "Le fichier est vide : reprenez la photo.");
        var octets = memoire.ToArray();
        var type = DetectionContenu.Detecter(octets.AsSpan(0, Math.Min(octets.Length, DetectionContenu.LongueurEntete)));
        if (type is not (DetectionContenu.Jpeg or DetectionContenu.Png))
            return Resultat<Guid>.Invalide("fichier", "Ce fichier n'est pas une photo JPEG ou PNG : seuls ces formats sont acceptés.");

        var photo = await db.PhotosUsagers.SingleOrDefaultAsync(p => p.UsagerId == usagerId, ct);
        var ancienne = photo?.CleStockage;
        var cle = Guid.NewGuid().ToString("N");
        if (photo is null)
        {
            photo = new PhotoUsager { UsagerId = usagerId, TypeContenu = type, Empreinte = "", CleStockage = cle, PriseParNom = db.Auteur.Nom };
            db.PhotosUsagers.Add(photo);
        }
        photo.TypeContenu = type;
        photo.Taille = octets.Length;
        photo.Empreinte = Convert.ToHexStringLower(SHA256.HashData(octets));
        photo.CleStockage = cle;
        photo.PriseLe = db.Maintenant;
        photo.PriseParId = db.Auteur.Id ?? Guid.Empty;
        photo.PriseParNom = db.Auteur.Nom;
        await stockage.EcrireAsync(cle, new MemoryStream(octets), ct);
        try
        {
            db.Noter(usagerId, "Photo", "Photo d'identification enregistrée", lien: Lien(usagerId));
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            await stockage.SupprimerAsync(cle, CancellationToken.None);
            throw;
        }
        if (ancienne is not null) await stockage.SupprimerAsync(ancienne, CancellationToken.None);
        return Resultat<Guid>.Ok(photo.Id);
    }

    /// <summary>The photo to show, or null when the person has none (nothing shown, nothing traced); each showing is a traced read of the record.</summary>
    public async Task<Resultat<FichierPhoto?>> LireAsync(Guid usagerId, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<FichierPhoto?>.Introuvable();
        var photo = await db.PhotosUsagers.AsNoTracking().SingleOrDefaultAsync(p => p.UsagerId == usagerId, ct);
        if (photo is null || await stockage.OuvrirAsync(photo.CleStockage, ct) is not { } flux) return Resultat<FichierPhoto?>.Ok(null);
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<FichierPhoto?>.Ok(new FichierPhoto(flux, photo.TypeContenu));
    }

    /// <summary>Deletes the photo (row and bytes).</summary>
    public async Task<Resultat<Rien>> SupprimerAsync(Guid usagerId, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct) || !await perimetre.PeutAgirAsync(usagerId, Photographes, ct)) return Resultat<Rien>.Introuvable();
        var apres = await EffacerAsync(db, stockage, usagerId, "Photo d'identification supprimée", ct);
        if (apres is null) return Resultat<Rien>.Introuvable();
        await db.SaveChangesAsync(ct);
        await apres();
        return Resultat.Fait;
    }

    /// <summary>The photo page's state; a traced read.</summary>
    public async Task<Resultat<EtatPhoto>> EtatAsync(Guid usagerId, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<EtatPhoto>.Introuvable();
        var personne = await db.Set<Usager>().AsNoTracking().Where(u => u.Id == usagerId)
            .Select(u => (u.PrenomUtilise ?? u.PremierPrenom) + " " + (u.NomUtilise ?? u.NomNaissance)).SingleAsync(ct);
        var photo = await db.PhotosUsagers.AsNoTracking().SingleOrDefaultAsync(p => p.UsagerId == usagerId, ct);
        var consentement = await choix.PeutAsync(usagerId, ActeSoumis.PhotoIdentification, ct);
        var peut = await perimetre.PeutAgirAsync(usagerId, Photographes, ct);
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<EtatPhoto>.Ok(new EtatPhoto(usagerId, personne, photo is not null, photo?.PriseLe, photo?.PriseParNom, consentement, peut));
    }

    /// <summary>Whether the person has a photo, for the record's panel (the page traced its opening).</summary>
    internal Task<bool> ExisteAsync(Guid usagerId, CancellationToken ct) => db.PhotosUsagers.AnyAsync(p => p.UsagerId == usagerId, ct);

    public static string Lien(Guid usagerId) => $"/Photos/Usager/{usagerId}";

    /// <summary>Removes the row from the unit of work; the returned action deletes the bytes once the caller saved. Null: no photo.</summary>
    internal static async Task<Func<Task>?> EffacerAsync(OpenDuiDbContext db, IStockageDocuments stockage, Guid usagerId, string note, CancellationToken ct)
    {
        var photo = await db.PhotosUsagers.SingleOrDefaultAsync(p => p.UsagerId == usagerId, ct);
        if (photo is null) return null;
        db.PhotosUsagers.Remove(photo);
        db.Noter(usagerId, "Photo", note, lien: Lien(usagerId));
        var cle = photo.CleStockage;
        return () => stockage.SupprimerAsync(cle, CancellationToken.None);
    }
}

/// <summary>A consent to the photo withdrawn, or a refusal recorded: the photo is deleted in the same transaction.</summary>
internal sealed class EffacementPhotoSansConsentement(OpenDuiDbContext db, IStockageDocuments stockage) : IEffetChoix
{
    public async Task<Func<Task>?> AppliquerAsync(Guid usagerId, ActeSoumis acte, DecisionChoix decision, CancellationToken ct) =>
        acte == ActeSoumis.PhotoIdentification && !decision.Autorise
            ? await GestionPhotos.EffacerAsync(db, stockage, usagerId, "Photo d'identification effacée : " + decision.Raison, ct)
            : null;
}
