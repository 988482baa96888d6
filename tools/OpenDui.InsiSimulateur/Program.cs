using System.Security.Cryptography.X509Certificates;

// Standalone use (development):
//   dotnet run --project tools/OpenDui.InsiSimulateur -- generer-certificats /tmp/insi motdepasse
//   dotnet run --project tools/OpenDui.InsiSimulateur -- servir /tmp/insi motdepasse 9443
// then configure the DUI with Insi:Endpoint=https://127.0.0.1:9443/insi, Insi:CertificatChemin=/tmp/insi/client.pfx,
// Insi:CertificatMotDePasse=motdepasse, Insi:AutoriteServeurChemin=/tmp/insi/autorite.pem.

namespace OpenDui.InsiSimulateur;

/// <summary>Command-line entry of the standalone simulator (a named class: the DUI host owns `Program`).</summary>
public static class PointEntree
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["generer-certificats", var dossier, var motDePasse]:
                Certificats.Ecrire(dossier, motDePasse);
                Console.WriteLine($"Certificats de test écrits dans {dossier} (autorite.pem, serveur.pfx, client.pfx).");
                return 0;
            case ["servir", var dossier, var motDePasse, var port]:
            {
                var autorite = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(dossier, "autorite.pfx"), motDePasse);
                var serveur = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(dossier, "serveur.pfx"), motDePasse);
                var (app, url) = await Simulateur.DemarrerAsync(serveur, autorite, int.Parse(port));
                Console.WriteLine($"Simulateur INSi à l'écoute sur {url} (identités de test uniquement, OID {Registre.OidTest}). Ctrl+C pour arrêter.");
                await app.WaitForShutdownAsync();
                return 0;
            }
            default:
                Console.Error.WriteLine("Usage : generer-certificats <dossier> <mot de passe> | servir <dossier> <mot de passe> <port>");
                return 2;
        }
    }
}
