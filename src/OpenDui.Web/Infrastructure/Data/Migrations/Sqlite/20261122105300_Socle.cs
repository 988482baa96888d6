using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Socle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Nom = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Prenom = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Rpps = table.Column<string>(type: "TEXT", maxLength: 11, nullable: true),
                    Profession = table.Column<string>(type: "TEXT", nullable: true),
                    Actif = table.Column<bool>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CategoriesFiness",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Libelle = table.Column<string>(type: "TEXT", nullable: false),
                    LibelleCourt = table.Column<string>(type: "TEXT", nullable: false),
                    Domaine = table.Column<string>(type: "TEXT", nullable: false),
                    DateFin = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CodeAgregat3 = table.Column<string>(type: "TEXT", nullable: false),
                    LibelleAgregat3 = table.Column<string>(type: "TEXT", nullable: false),
                    CodeAgregat2 = table.Column<string>(type: "TEXT", nullable: false),
                    LibelleAgregat2 = table.Column<string>(type: "TEXT", nullable: false),
                    CodeAgregat1 = table.Column<string>(type: "TEXT", nullable: false),
                    LibelleAgregat1 = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CategoriesFiness", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Chronologie",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Horodatage = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Libelle = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuteurId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuteurNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Chronologie", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Organismes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FinessEj = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    RaisonSociale = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StatutJuridiqueCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organismes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatutsJuridiquesFiness",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Libelle = table.Column<string>(type: "TEXT", nullable: false),
                    DateFin = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CodeAgregat1 = table.Column<string>(type: "TEXT", nullable: false),
                    LibelleAgregat1 = table.Column<string>(type: "TEXT", nullable: false),
                    CodeAgregat2 = table.Column<string>(type: "TEXT", nullable: false),
                    LibelleAgregat2 = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatutsJuridiquesFiness", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "TracesAcces",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Horodatage = table.Column<long>(type: "INTEGER", nullable: false),
                    AuteurId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuteurNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ressource = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    HashPrecedent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TracesAcces", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TracesModification",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Horodatage = table.Column<long>(type: "INTEGER", nullable: false),
                    AuteurId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuteurNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Entite = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EntiteId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Avant = table.Column<string>(type: "TEXT", nullable: true),
                    Apres = table.Column<string>(type: "TEXT", nullable: true),
                    HashPrecedent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TracesModification", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Essms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganismeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FinessEt = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Nom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CategorieCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    ChampActivite = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AdresseLigne = table.Column<string>(type: "TEXT", nullable: true),
                    CodePostal = table.Column<string>(type: "TEXT", nullable: true),
                    Commune = table.Column<string>(type: "TEXT", nullable: true),
                    Capacite = table.Column<int>(type: "INTEGER", nullable: false),
                    Actif = table.Column<bool>(type: "INTEGER", nullable: false),
                    DernierNumeroUsager = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Essms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Essms_Organismes_OrganismeId",
                        column: x => x.OrganismeId,
                        principalTable: "Organismes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Usagers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganismeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NomNaissance = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PrenomsNaissance = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PremierPrenom = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Sexe = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DateNaissance = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LieuNaissance = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    NomUtilise = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PrenomUtilise = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    NomRecherche = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NomUtiliseRecherche = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Statut = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecupereeViaInsi = table.Column<bool>(type: "INTEGER", nullable: false),
                    DateRecuperationInsi = table.Column<long>(type: "INTEGER", nullable: true),
                    JustificatifType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    JustificatifDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Douteuse = table.Column<bool>(type: "INTEGER", nullable: false),
                    Fictive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Homonyme = table.Column<bool>(type: "INTEGER", nullable: false),
                    MatriculeIns = table.Column<string>(type: "TEXT", maxLength: 15, nullable: true),
                    OidIns = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreeLe = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Usagers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Usagers_Organismes_OrganismeId",
                        column: x => x.OrganismeId,
                        principalTable: "Organismes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Unites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Nom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Capacite = table.Column<int>(type: "INTEGER", nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Unites", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Unites_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Contacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Nom = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Prenom = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Lien = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Roles = table.Column<int>(type: "INTEGER", nullable: false),
                    Telephone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Courriel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Adresse = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contacts_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IdentifiantsLocaux",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Valeur = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdentifiantsLocaux", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IdentifiantsLocaux_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IdentifiantsLocaux_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MesuresProtection",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DateDebut = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DateFin = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Mandataire = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Juridiction = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MesuresProtection", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MesuresProtection_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Habilitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfessionnelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UniteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DateFin = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Habilitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Habilitations_AspNetUsers_ProfessionnelId",
                        column: x => x.ProfessionnelId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Habilitations_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Habilitations_Unites_UniteId",
                        column: x => x.UniteId,
                        principalTable: "Unites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Sejours",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UniteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Numero = table.Column<int>(type: "INTEGER", nullable: false),
                    Modalite = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Provenance = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DateAdmissionPrevue = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DateAdmission = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DateSortiePrevue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DateSortie = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MotifSortie = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Annule = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sejours", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Sejours_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Sejours_Unites_UniteId",
                        column: x => x.UniteId,
                        principalTable: "Unites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Sejours_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Rpps",
                table: "AspNetUsers",
                column: "Rpps",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Chronologie_UsagerId_Horodatage",
                table: "Chronologie",
                columns: new[] { "UsagerId", "Horodatage" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_UsagerId",
                table: "Contacts",
                column: "UsagerId");

            migrationBuilder.CreateIndex(
                name: "IX_Essms_FinessEt",
                table: "Essms",
                column: "FinessEt",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Essms_OrganismeId",
                table: "Essms",
                column: "OrganismeId");

            migrationBuilder.CreateIndex(
                name: "IX_Habilitations_EssmsId",
                table: "Habilitations",
                column: "EssmsId");

            migrationBuilder.CreateIndex(
                name: "IX_Habilitations_ProfessionnelId",
                table: "Habilitations",
                column: "ProfessionnelId");

            migrationBuilder.CreateIndex(
                name: "IX_Habilitations_UniteId",
                table: "Habilitations",
                column: "UniteId");

            migrationBuilder.CreateIndex(
                name: "IX_IdentifiantsLocaux_EssmsId_Valeur",
                table: "IdentifiantsLocaux",
                columns: new[] { "EssmsId", "Valeur" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IdentifiantsLocaux_UsagerId_EssmsId",
                table: "IdentifiantsLocaux",
                columns: new[] { "UsagerId", "EssmsId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MesuresProtection_UsagerId",
                table: "MesuresProtection",
                column: "UsagerId");

            migrationBuilder.CreateIndex(
                name: "IX_Organismes_FinessEj",
                table: "Organismes",
                column: "FinessEj",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Sejours_EssmsId_UsagerId",
                table: "Sejours",
                columns: new[] { "EssmsId", "UsagerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Sejours_UniteId_UsagerId",
                table: "Sejours",
                columns: new[] { "UniteId", "UsagerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Sejours_UsagerId",
                table: "Sejours",
                column: "UsagerId");

            migrationBuilder.CreateIndex(
                name: "IX_TracesAcces_AuteurId",
                table: "TracesAcces",
                column: "AuteurId");

            migrationBuilder.CreateIndex(
                name: "IX_TracesAcces_Horodatage",
                table: "TracesAcces",
                column: "Horodatage");

            migrationBuilder.CreateIndex(
                name: "IX_TracesAcces_UsagerId",
                table: "TracesAcces",
                column: "UsagerId");

            migrationBuilder.CreateIndex(
                name: "IX_TracesModification_AuteurId",
                table: "TracesModification",
                column: "AuteurId");

            migrationBuilder.CreateIndex(
                name: "IX_TracesModification_Horodatage",
                table: "TracesModification",
                column: "Horodatage");

            migrationBuilder.CreateIndex(
                name: "IX_TracesModification_UsagerId",
                table: "TracesModification",
                column: "UsagerId");

            migrationBuilder.CreateIndex(
                name: "IX_Unites_EssmsId",
                table: "Unites",
                column: "EssmsId");

            migrationBuilder.CreateIndex(
                name: "IX_Usagers_MatriculeIns",
                table: "Usagers",
                column: "MatriculeIns");

            migrationBuilder.CreateIndex(
                name: "IX_Usagers_OrganismeId_DateNaissance",
                table: "Usagers",
                columns: new[] { "OrganismeId", "DateNaissance" });

            migrationBuilder.CreateIndex(
                name: "IX_Usagers_OrganismeId_NomRecherche",
                table: "Usagers",
                columns: new[] { "OrganismeId", "NomRecherche" });

            migrationBuilder.CreateIndex(
                name: "IX_Usagers_OrganismeId_NomUtiliseRecherche",
                table: "Usagers",
                columns: new[] { "OrganismeId", "NomUtiliseRecherche" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "CategoriesFiness");

            migrationBuilder.DropTable(
                name: "Chronologie");

            migrationBuilder.DropTable(
                name: "Contacts");

            migrationBuilder.DropTable(
                name: "Habilitations");

            migrationBuilder.DropTable(
                name: "IdentifiantsLocaux");

            migrationBuilder.DropTable(
                name: "MesuresProtection");

            migrationBuilder.DropTable(
                name: "Sejours");

            migrationBuilder.DropTable(
                name: "StatutsJuridiquesFiness");

            migrationBuilder.DropTable(
                name: "TracesAcces");

            migrationBuilder.DropTable(
                name: "TracesModification");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Unites");

            migrationBuilder.DropTable(
                name: "Usagers");

            migrationBuilder.DropTable(
                name: "Essms");

            migrationBuilder.DropTable(
                name: "Organismes");
        }
    }
}
