using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace OpenDui.Programme.Infrastructure;

/// <summary>Identity's refusals (password rules, duplicate e-mail...) in French: they are shown as form errors.</summary>
public sealed class ErreursIdentite : IdentityErrorDescriber
{
    private static IdentityError E(string code, string message) => new() { Code = code, Description = message };

    public override IdentityError DefaultError() => E(nameof(DefaultError), "L'opération sur le compte a échoué.");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "Le compte a été modifié entre-temps : rechargez la page et recommencez.");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), $"L'identifiant « {userName} » contient des caractères non autorisés.");
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), $"L'adresse « {email} » n'est pas une adresse électronique valide.");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), $"Un compte existe déjà avec l'identifiant « {userName} ».");
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), $"Un compte existe déjà avec l'adresse « {email} ».");
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"Le mot de passe doit comporter au moins {length} caractères.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), $"Le mot de passe doit comporter au moins {uniqueChars} caractères différents.");
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "Le mot de passe doit comporter au moins un caractère spécial.");
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "Le mot de passe doit comporter au moins un chiffre.");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "Le mot de passe doit comporter au moins une minuscule.");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "Le mot de passe doit comporter au moins une majuscule.");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "Mot de passe incorrect.");
    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "Jeton invalide ou expiré.");
    public override IdentityError UserLockoutNotEnabled() => E(nameof(UserLockoutNotEnabled), "Le verrouillage n'est pas activé pour ce compte.");
}

/// <summary>Model-binding refusals (a number typed in letters...) in French, for the pages' form errors.</summary>
public static class MessagesLiaison
{
    public static void EnFrancais(DefaultModelBindingMessageProvider m)
    {
        m.SetAttemptedValueIsInvalidAccessor((valeur, champ) => $"La valeur « {valeur} » n'est pas valide ({champ}).");
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(valeur => $"La valeur « {valeur} » n'est pas valide.");
        m.SetUnknownValueIsInvalidAccessor(champ => $"La valeur saisie n'est pas valide ({champ}).");
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "La valeur saisie n'est pas valide.");
        m.SetValueIsInvalidAccessor(valeur => $"La valeur « {valeur} » n'est pas valide.");
        m.SetValueMustBeANumberAccessor(champ => $"Saisissez un nombre ({champ}).");
        m.SetNonPropertyValueMustBeANumberAccessor(() => "Saisissez un nombre.");
        m.SetValueMustNotBeNullAccessor(champ => $"Une valeur est obligatoire ({champ}).");
        m.SetMissingBindRequiredValueAccessor(champ => $"Une valeur est obligatoire ({champ}).");
        m.SetMissingKeyOrValueAccessor(() => "Une valeur est obligatoire.");
        m.SetMissingRequestBodyRequiredValueAccessor(() => "Le corps de la requête est vide.");
    }
}
