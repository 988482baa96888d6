using Microsoft.AspNetCore.DataProtection;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using OpenDui.Web.Features.Documents;
using OpenDui.Web.Features.Envois;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Interop.MsSante;

namespace OpenDui.Web.Features.Messagerie;

/// <summary>
/// The outbox's MSSanté channel: submits the message exactly as written (its stored MIME), from the organisation's mailbox
/// (certificate) or the author's personal one (the PSC token kept with the message, XOAUTH2). A message already submitted is
/// not submitted again. Refusals by the server (5xx, token refused) are final; a server down or busy is retried by the outbox.
/// A personal send whose token ended before the outbox reached it is refused (the author sends it again): it never falls back
/// to the organisation's mailbox, since its From, Message-ID and receipts are the author's own.
/// </summary>
internal sealed class CanalMsSante(OpenDuiDbContext db, TransportMsSante transport, IStockageDocuments stockage,
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection) : ICanalEnvoi
{
    public string Canal => CanauxEnvoi.MsSante;

    public async Task<IssueEnvoi> EnvoyerAsync(Envoi envoi, CancellationToken ct)
    {
        var charge = envoi.LireCharge<ChargeMss>();
        var message = await db.MessagesMss.SingleOrDefaultAsync(m => m.Id == charge.MessageId, ct);
        if (message is null) return IssueEnvoi.Refuse("Le message à envoyer n'existe plus.");
        if (message.Etat == EtatMessage.Envoye) return IssueEnvoi.Reussi(message.MessageIdMime);
        if (message.CleMime is null || await stockage.OuvrirAsync(message.CleMime, ct) is not { } flux)
            return Refuser(message, "Le contenu du message est introuvable dans le stockage.");
        MimeMessage mime;
        await using (flux) mime = await MimeMessage.LoadAsync(flux, ct);

        var boite = transport.Options.Boites.FirstOrDefault(b => string.Equals(b.Adresse, message.Boite, StringComparison.OrdinalIgnoreCase));
        var jeton = boite is null ? await db.JetonsEnvoiMss.SingleOrDefaultAsync(j => j.MessageId == message.Id, ct) : null;
        try
        {
            if (boite is not null) await transport.SoumettreAsync(boite, mime, ct);
            else
            {
                if (jeton is null || transport.Options.ServeurPersonnel is null)
                    return Refuser(message, jeton, "Le message devait partir de la boîte personnelle de son auteur, qui n'est plus joignable. Renvoyez-le.");
                if (jeton.ExpireLe <= db.Maintenant)
                    return Refuser(message, jeton, "La session Pro Santé Connect de l'auteur a pris fin avant l'envoi : le message n'est pas parti de sa boîte personnelle. Renvoyez-le.");
                string acces;
                try { acces = JetonsEnvoi.Protecteur(protection).Unprotect(jeton.JetonChiffre); }
                catch (System.Security.Cryptography.CryptographicException)
                {
                    return Refuser(message, jeton, "Le jeton Pro Santé Connect de l'auteur ne peut plus être lu : le message n'est pas parti. Renvoyez-le.");
                }
                try
                {
                    await transport.SoumettrePersonnelAsync(new JetonMessagerie(message.Boite, acces, jeton.ExpireLe), mime, ct);
                }
                catch (MailKit.Security.AuthenticationException)
                {
                    return Refuser(message, jeton, "La boîte personnelle a refusé le jeton Pro Santé Connect de l'auteur : qu'il se reconnecte avec Pro Santé Connect et renvoie le message.");
                }
            }
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            return Refuser(message, jeton, $"Le serveur de messagerie a refusé le message ({(int)ex.StatusCode}).");
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or SocketException or IOException or ServiceNotConnectedException
                                       or ServiceNotAuthenticatedException or MailKit.Security.AuthenticationException or System.Security.Authentication.AuthenticationException
                                       or MailKit.Security.SslHandshakeException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            message.Remarque = "Serveur de messagerie injoignable : nouvel essai automatique.";
            return IssueEnvoi.AReessayer("Serveur de messagerie sécurisée injoignable ou indisponible.");
        }
        message.Etat = EtatMessage.Envoye;
        message.EnvoyeLe = db.Maintenant;
        message.Remarque = null;
        // The token served its purpose: it is not kept.
        if (jeton is not null) db.JetonsEnvoiMss.Remove(jeton);
        return IssueEnvoi.Reussi(message.MessageIdMime);
    }

    private IssueEnvoi Refuser(MessageMss message, JetonEnvoiMss? jeton, string raison)
    {
        if (jeton is not null) db.JetonsEnvoiMss.Remove(jeton);
        return Refuser(message, raison);
    }

    private static IssueEnvoi Refuser(MessageMss message, string raison)
    {
        message.Etat = EtatMessage.Echec;
        message.Remarque = raison;
        return IssueEnvoi.Refuse(raison);
    }
}
