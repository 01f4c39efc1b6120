namespace ModularShop.Modules.Users.Domain;

/// <summary>The password policy: 8 to 128 characters, with at least one letter and one digit.</summary>
public static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    /// <summary>What is wrong with <paramref name="password"/>, or <c>null</c> when it is acceptable.</summary>
    public static string? Check(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
        {
            return $"Must be at least {MinLength} characters.";
        }

        if (password.Length > MaxLength)
        {
            return $"Must be at most {MaxLength} characters.";
        }

        if (!password.Any(char.IsLetter) || !password.Any(char.IsDigit))
        {
            return "Must contain at least one letter and one digit.";
        }

        return null;
    }
}
