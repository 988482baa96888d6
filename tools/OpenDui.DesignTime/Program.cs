using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

// Scaffolds a migration for each provider from the same model. One command does both: bash tools/migration.sh [programme] <Name>
// It runs, after `dotnet tool restore`:
//   dotnet ef migrations add <Name> --project src/OpenDui.Web --startup-project tools/OpenDui.DesignTime --context SqliteOpenDuiDbContext --output-dir Infrastructure/Data/Migrations/Sqlite
//   dotnet ef migrations add <Name> --project src/OpenDui.Web --startup-project tools/OpenDui.DesignTime --context PostgresOpenDuiDbContext --output-dir Infrastructure/Data/Migrations/Postgres
Console.WriteLine("Outil de conception des migrations : voir les commandes en tête de Program.cs.");

public sealed class SqliteFactory : IDesignTimeDbContextFactory<SqliteOpenDuiDbContext>
{
    public SqliteOpenDuiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteOpenDuiDbContext>().UseSqlite("Data Source=design.db").Options, new AuteurSysteme("design"), TimeProvider.System);
}

public sealed class PostgresFactory : IDesignTimeDbContextFactory<PostgresOpenDuiDbContext>
{
    public PostgresOpenDuiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresOpenDuiDbContext>().UseNpgsql("Host=localhost;Database=design").Options, new AuteurSysteme("design"), TimeProvider.System);
}

// The programme console's contexts (same commands with --project src/OpenDui.Programme --context {Sqlite|Postgres}ProgrammeDbContext).
public sealed class SqliteProgrammeFactory : IDesignTimeDbContextFactory<OpenDui.Programme.Infrastructure.Data.SqliteProgrammeDbContext>
{
    public OpenDui.Programme.Infrastructure.Data.SqliteProgrammeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<OpenDui.Programme.Infrastructure.Data.SqliteProgrammeDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresProgrammeFactory : IDesignTimeDbContextFactory<OpenDui.Programme.Infrastructure.Data.PostgresProgrammeDbContext>
{
    public OpenDui.Programme.Infrastructure.Data.PostgresProgrammeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<OpenDui.Programme.Infrastructure.Data.PostgresProgrammeDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
