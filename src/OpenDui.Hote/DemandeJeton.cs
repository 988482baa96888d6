namespace OpenDui.Hote;

/// <summary>What POST /api/auth/token receives in both hosts: a password, and the TOTP code once enrolled.</summary>
public sealed record DemandeJeton(string? Login, string? MotDePasse, string? CodeTotp = null)
{
    /// <summary>The missing fields, named as the client sends them.</summary>
    public Erreurs Manquants()
    {
        var e = new Erreurs();
        if (string.IsNullOrWhiteSpace(Login)) e.Ajouter("login", "L'identifiant est obligatoire.");
        if (string.IsNullOrEmpty(MotDePasse)) e.Ajouter("motDePasse", "Le mot de passe est obligatoire.");
        return e;
    }
}

/// <summary>A bearer token as OAuth 2 clients expect it (access_token, token_type, expires_in).</summary>
public sealed record Jeton(string AccessToken, string TokenType, int ExpiresIn);
