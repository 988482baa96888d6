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
/// (certificate) or the author's personal one (PSC token, XOAUTH2). A message already submitted is not submitted again.
/// Refusals by the server (5xx) are final; a server down or busy is retried by the outbox.
/// </summary>
internal sealed class CanalMsSante(OpenDuiDbContext db, TransportMsSante transport, IStockageDocuments stockage, IJetonMessagerie jetons) : ICanalEnvoi
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
        try
        {
            if (boite is not null) await transport.SoumettreAsync(boite, mime, ct);
            else
            {
                var jeton = message.AuteurId is { } auteur ? await jetons.JetonAsync(auteur, ct) : null;
                if (jeton is null || !string.Equals(jeton.Adresse, message.Boite, StringComparison.OrdinalIgnoreCase) || transport.Options.ServeurPersonnel is null)
                    return Refuser(message, "La session Pro Santé Connect de l'auteur a pris fin : le message n'a pas pu partir de sa boîte personnelle. Renvoyez-le.");
                await transport.SoumettrePersonnelAsync(jeton, mime, ct);
            }
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            return Refuser(message, $"Le serveur de messagerie a refusé le message ({(int)ex.StatusCode}).");
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
        return IssueEnvoi.Reussi(message.MessageIdMime);
    }

    private static IssueEnvoi Refuser(MessageMss message, string raison)
    {
        message.Etat = EtatMessage.Echec;
        message.Remarque = raison;
        return IssueEnvoi.Refuse(raison);
    }
}
