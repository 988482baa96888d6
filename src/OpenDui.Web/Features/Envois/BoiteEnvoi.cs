using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenDui.Hote;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Envois;

/// <summary>The outbox: where a module drops what must leave the DUI, and where the operator takes a failed send back.</summary>
public static class BoiteEnvoi
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds an envoi to the unit of work: the caller's own save writes it with the rows it sends, in one transaction.
    /// <paramref name="cle"/> is unique: a second deposit of the same key fails at that save.
    /// </summary>
    public static Envoi Deposer(OpenDuiDbContext db, string canal, string cle, object charge, Guid? usagerId, Guid? essmsId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(canal);
        ArgumentException.ThrowIfNullOrWhiteSpace(cle);
        var maintenant = db.Maintenant;
        var envoi = new Envoi
        {
            Canal = canal, Cle = cle, Charge = JsonSerializer.Serialize(charge, Json), UsagerId = usagerId, EssmsId = essmsId,
            CreeLe = maintenant, ProchainEssai = maintenant,
        };
        db.Envois.Add(envoi);
        return envoi;
    }

    /// <summary>The operator sends a failed envoi again (its attempts start over).</summary>
    public static async Task<Resultat<Envoi>> RelancerAsync(OpenDuiDbContext db, Guid id, CancellationToken ct)
    {
        var envoi = await db.Envois.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (envoi is null) return Resultat<Envoi>.Introuvable();
        if (envoi.Statut != StatutEnvoi.Echec)
            return Resultat<Envoi>.Conflit("", envoi.Statut == StatutEnvoi.Envoye ? "Cet envoi est déjà parti." : "Cet envoi est déjà en attente d'envoi.");
        envoi.Statut = StatutEnvoi.EnAttente;
        envoi.Tentatives = 0;
        envoi.ProchainEssai = db.Maintenant;
        envoi.VerrouJusqua = null;
        await db.SaveChangesAsync(ct);
        return Resultat<Envoi>.Ok(envoi);
    }
}
