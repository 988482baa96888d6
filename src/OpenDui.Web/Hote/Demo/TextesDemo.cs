using OpenDui.Web.Features.Ecrits;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Hote.Demo;

/// <summary>A transmission ciblée of the demo: its target, circle, and coherent variants of données / actions / résultats.</summary>
/// <param name="Importance">Share of these écrits marked important.</param>
/// <param name="Redacteurs">Who writes it (by profession).</param>
internal sealed record ModeleTransmission(string Cible, CercleEcrit Cercle, double Importance, Role[] Redacteurs, (string D, string? A, string? R)[] Variantes);

/// <summary>An observation, report or incident of the demo: free text, written by one profession in one circle.</summary>
internal sealed record ModeleTexte(TypeEcrit Type, CercleEcrit Cercle, Role Redacteur, bool Important, string[] Variantes);

/// <summary>An objective of the demo's projets, with how it is judged, its actions (carried by a profession, or by someone
/// named in words) and, for disability services, the SERAFIN-PH need and prestation it belongs to.</summary>
internal sealed record ModeleObjectif(string Libelle, string Critere, (string Libelle, string? Moyens, Role? Role, string? Porteur)[] Actions,
    string? Besoin = null, string? Prestation = null);

/// <summary>
/// The plain French of the demo's écrits and projets (synthetic: no real person, no real event). Tokens are agreed with
/// the person: {Il}/{il} (Elle/elle), {e} (feminine ending), {Mme} (Mme/M.), {Prenom}, {Nom}.
/// </summary>
internal static class TextesDemo
{
    public static string Accorder(string texte, Sexe sexe, string prenom, string nom)
    {
        var f = sexe == Sexe.F;
        return texte.Replace("{Il}", f ? "Elle" : "Il").Replace("{il}", f ? "elle" : "il").Replace("{e}", f ? "e" : "")
            .Replace("{Mme}", f ? "Mme" : "M.").Replace("{Prenom}", prenom).Replace("{Nom}", nom);
    }

    private static readonly Role[] Soignants = [Role.Infirmier, Role.AideSoignant];
    private static readonly Role[] Infirmiers = [Role.Infirmier];
    private static readonly Role[] Equipe = [Role.Infirmier, Role.AideSoignant];

    // ---------------- EHPAD ----------------

    public static readonly ModeleTransmission[] TransmissionsEhpad =
    [
        new("Douleur", CercleEcrit.Soins, 0.15, Soignants,
        [
            ("Se plaint de douleurs au genou droit au lever, cotées 5/10 à l'échelle numérique.", "Paracétamol donné selon la prescription, jambe installée sur un coussin.", "Douleur à 2/10 une heure après ; a pu aller au petit déjeuner."),
            ("Grimaces et gémissements pendant la toilette, Algoplus à 3.", "Toilette écourtée, antalgique donné sur protocole, médecin prévenu.", "Plus calme en fin de matinée. Réévaluer avant la toilette de demain."),
            ("Douleurs lombaires en position assise prolongée, 4/10.", "Installation au lit l'après-midi avec coussin de positionnement.", "Soulagé{e} après le repos, 1/10."),
            ("Dit avoir mal à l'épaule gauche depuis sa chute de la semaine dernière, 3/10.", "Poche de froid 15 minutes, information au médecin pour une radio.", "Douleur supportable ; radio demandée."),
        ]),
        new("Alimentation", CercleEcrit.Equipe, 0.05, Equipe,
        [
            ("N'a mangé que la moitié de son repas de midi, dit ne pas avoir faim.", "Complément alimentaire proposé au goûter, pesée prévue vendredi.", "Complément pris en entier."),
            ("Refuse le plat principal, réclame une omelette.", "Omelette demandée en cuisine, repas pris en salle avec sa voisine de table.", "A tout mangé, content{e} du repas."),
            ("Mange lentement et se fatigue en fin de repas.", "Aide au repas pour le dessert, assiette tenue au chaud.", "Repas terminé sans fausse route."),
            ("Très bon appétit ce midi, a redemandé du gratin.", null, "Repas pris en entier."),
            ("Tousse en buvant de l'eau plate.", "Eau gélifiée proposée, information à l'infirmière pour avis de l'orthophoniste.", "Plus de toux avec l'eau gélifiée."),
        ]),
        new("Hydratation", CercleEcrit.Soins, 0.05, Equipe,
        [
            ("Boit peu depuis deux jours, lèvres sèches.", "Eau gélifiée et boissons aromatisées proposées toutes les deux heures, feuille de surveillance des boissons mise en place.", "Un litre bu sur la journée."),
            ("Chaleur dans la chambre exposée au sud.", "Volets fermés, brumisation, boissons fraîches proposées régulièrement.", "Boit volontiers, pas de signe de déshydratation."),
        ]),
        new("Sommeil", CercleEcrit.Equipe, 0.0, [Role.Infirmier],
        [
            ("Réveillé{e} plusieurs fois dans la nuit, déambule dans le couloir vers 1 h.", "Rassuré{e}, tisane proposée, raccompagné{e} en chambre.", "Rendormi{e} vers 1 h 45, calme jusqu'au matin."),
            ("Nuit calme, a dormi d'une traite.", "Passages toutes les deux heures.", "Réveil à 7 h, de bonne humeur."),
            ("Appelle souvent en début de nuit, angoissé{e} à l'idée d'être seul{e}.", "Veilleuse laissée allumée, porte entrouverte, passage supplémentaire à 23 h.", "Endormi{e} vers minuit."),
            ("Somnolent{e} toute la matinée après une nuit agitée.", "Sieste proposée après le déjeuner, activité de l'après-midi maintenue.", "Plus éveillé{e} en fin de journée."),
        ]),
        new("Chute", CercleEcrit.Soins, 0.8, Soignants,
        [
            ("Retrouvé{e} assis{e} au pied du lit en fin de nuit, dit avoir glissé en voulant aller aux toilettes. Pas de plaie, douleur à la hanche gauche à 3/10.", "Relevé{e} à deux, constantes prises (tension 13/7, pouls 78), surveillance renforcée, médecin informé.", "Marche sans douleur au petit déjeuner ; déclaration de chute faite."),
            ("Chute dans la salle de bains en se levant du fauteuil, bosse au front.", "Glace, surveillance neurologique toutes les heures pendant six heures, famille prévenue.", "Pas de trouble de la conscience, bosse qui diminue."),
            ("Perte d'équilibre dans le couloir, rattrapé{e} par une soignante, pas de chute.", "Chaussage vérifié (pantoufles trop grandes), famille prévenue pour de nouvelles chaussures.", "À surveiller lors des déplacements."),
        ]),
        new("Humeur", CercleEcrit.Equipe, 0.05, Equipe,
        [
            ("Triste ce matin, parle beaucoup de son conjoint décédé.", "Temps d'écoute après la toilette, proposé de participer à l'atelier chant.", "A accepté, souriait en sortant de l'atelier."),
            ("Agité{e} en fin d'après-midi, veut « rentrer à la maison ».", "Promenade au jardin, discussion autour de ses photos de famille.", "Apaisé{e} avant le dîner."),
            ("Très en forme, a raconté ses souvenirs de jeunesse à ses voisins de table.", null, "Bonne journée."),
            ("Irritable pendant les soins, refuse qu'on l'aide.", "Soin différé d'une demi-heure puis proposé par une autre soignante.", "Soin accepté dans le calme."),
        ]),
        new("Visite", CercleEcrit.Equipe, 0.0, Equipe,
        [
            ("Visite de sa fille cet après-midi, sortie au jardin ensemble.", "Information donnée sur le rendez-vous chez le dentiste jeudi.", "Très content{e} de la visite."),
            ("Appel vidéo avec ses petits-enfants sur la tablette de l'unité.", "Aide pour tenir la tablette et régler le son.", "Ému{e}, demande à recommencer dimanche."),
            ("Visite de son fils, inquiet de la perte de poids.", "Explications sur le suivi du poids et les compléments, proposé un rendez-vous avec l'infirmière.", "Rendez-vous pris pour mardi."),
        ]),
        new("Élimination", CercleEcrit.Soins, 0.05, Soignants,
        [
            ("Pas de selles depuis trois jours.", "Hydratation renforcée, pruneaux au petit déjeuner, protocole laxatif selon la prescription.", "Selles ce soir."),
            ("Fuites urinaires plus fréquentes cette semaine.", "Accompagnement aux toilettes toutes les trois heures, change adapté, bandelette urinaire faite.", "Bandelette négative ; moins de fuites avec le planning."),
        ]),
        new("Peau", CercleEcrit.Soins, 0.3, Soignants,
        [
            ("Rougeur persistante au talon droit à la toilette.", "Talon mis en décharge, matelas vérifié, échelle de Braden à refaire.", "À surveiller à chaque change."),
            ("Petite plaie à l'avant-bras après s'être cogné{e} au fauteuil.", "Nettoyage, pansement simple.", "Plaie propre au pansement du lendemain."),
            ("Escarre du sacrum en voie de cicatrisation.", "Pansement refait selon le protocole, changements de position toutes les trois heures.", "Plaie qui diminue, pas de signe d'infection."),
        ]),
        new("Traitement", CercleEcrit.Soins, 0.05, Infirmiers,
        [
            ("Refuse ses comprimés du soir.", "Représentés 30 minutes plus tard dans de la compote.", "Pris sans difficulté."),
            ("Nouveau traitement contre l'hypertension débuté ce matin.", "Tension prise matin et soir pendant une semaine.", "Tension à 13/8 ce soir, bien toléré."),
            ("Fin de l'antibiotique ce jour.", "Surveillance de la température.", "Apyrétique."),
        ]),
        new("Fièvre", CercleEcrit.Soins, 0.7, Infirmiers,
        [
            ("Température à 38,4 °C à 16 h, toux grasse.", "Paracétamol, hydratation, médecin appelé, température surveillée toutes les 4 heures.", "37,6 °C à 20 h ; radio pulmonaire prévue demain."),
            ("Frissons et 38,1 °C au réveil.", "Bilan urinaire, hydratation, médecin prévenu.", "Infection urinaire confirmée, traitement débuté."),
        ]),
        new("Mobilité", CercleEcrit.Equipe, 0.0, Equipe,
        [
            ("A marché avec son déambulateur jusqu'à la salle à manger avec le kinésithérapeute.", "Encouragé{e} à refaire le trajet pour le dîner.", "Trajet fait avec une aide-soignante, sans fatigue."),
            ("Reste au fauteuil toute la journée, dit avoir les jambes lourdes.", "Jambes surélevées, marche proposée dans le couloir l'après-midi.", "Quelques pas faits avec aide."),
        ]),
        new("Toilette", CercleEcrit.Equipe, 0.0, Equipe,
        [
            ("Refuse la douche ce matin.", "Toilette au lavabo proposée, douche reportée à demain après-midi selon son souhait.", "Toilette faite au lavabo, bien acceptée."),
            ("A fait seul{e} sa toilette du visage et du buste, aide pour le dos et les jambes.", "Stimulation sans faire à sa place.", "Content{e} d'y arriver : objectif du projet en bonne voie."),
        ]),
        new("Vie sociale", CercleEcrit.Equipe, 0.0, Equipe,
        [
            ("A participé au loto de l'après-midi.", "Installé{e} près de ses voisines de table.", "A beaucoup ri, demande quand aura lieu le prochain."),
            ("A refusé l'atelier mémoire, préfère rester en chambre.", "Proposé de venir seulement pour le goûter.", "Est venu{e} au goûter et est resté{e} pour la fin de l'atelier."),
            ("Messe du jeudi : accompagné{e} à la chapelle comme chaque semaine.", null, "Content{e} de garder cette habitude."),
        ]),
        new("Poids", CercleEcrit.Soins, 0.6, Infirmiers,
        [
            ("Pesée : perte de 1,8 kg en un mois.", "Médecin informé, repas enrichis, MNA à refaire.", "Pesée chaque semaine jusqu'à nouvel ordre."),
            ("Pesée mensuelle : poids stable.", null, "Poursuite du suivi mensuel."),
        ]),
    ];

    public static readonly ModeleTexte[] TextesEhpad =
    [
        new(TypeEcrit.Observation, CercleEcrit.Medical, Role.Medecin, false,
        [
            "Consultation de suivi : tension stable, auscultation pulmonaire normale. Poursuite du traitement. Réévaluation dans un mois.",
            "Adaptation du traitement antalgique : paracétamol systématique matin, midi et soir. Revoir dans quinze jours avec l'évaluation de la douleur.",
            "Bilan sanguin prescrit (numération, ionogramme, albumine) devant la perte de poids. Compléments nutritionnels deux fois par jour.",
            "Réévaluation des traitements : arrêt du somnifère, mise en place d'un rituel du coucher avec l'équipe de nuit.",
        ]),
        new(TypeEcrit.Observation, CercleEcrit.Psychologie, Role.Psychologue, false,
        [
            "Entretien individuel : exprime une lassitude et le sentiment d'être « de trop ». Pas d'idée suicidaire exprimée. Nouvel entretien la semaine prochaine.",
            "Entretien : meilleure adaptation à l'établissement, parle de sa chambre comme de « chez moi ». Souhaite que ses habitudes du matin soient respectées.",
            "Séance de stimulation cognitive : bonne participation, reconnaît les photos de son village.",
        ]),
        new(TypeEcrit.Observation, CercleEcrit.Equipe, Role.Psychologue, false,
        [
            "Pour l'équipe : privilégier les soins du matin avec la même soignante, {il} est rassuré{e} par un visage connu.",
            "Pour l'équipe : en cas d'angoisse de fin de journée, proposer la promenade au jardin ou l'écoute de musique plutôt que d'insister pour le repas.",
        ]),
        new(TypeEcrit.CompteRendu, CercleEcrit.Equipe, Role.ChefDeService, false,
        [
            "Appel de la fille : souhaite être informée des changements de traitement. La personne est d'accord pour que ces informations lui soient données.",
            "Rendez-vous chez l'ophtalmologiste fixé mardi prochain à 14 h, transport assis organisé, accompagnement par la famille.",
            "Réunion avec la famille : point sur l'adaptation et sur le projet personnalisé, famille satisfaite de l'accompagnement.",
        ]),
        new(TypeEcrit.Incident, CercleEcrit.Equipe, Role.Infirmier, true,
        [
            "Chute dans la chambre à 6 h 15 en voulant se lever seul{e}. Pas de blessure visible. Relevé{e} à deux, médecin prévenu, famille informée. Déclaration faite.",
            "Retrouvé{e} devant la porte de l'unité protégée avec son manteau, voulant « prendre le bus ». Raccompagné{e} calmement, aucune mise en danger.",
            "Erreur de pilulier détectée avant la distribution (comprimé du soir dans la case du midi). Pilulier corrigé, pharmacie informée, aucun comprimé pris.",
        ]),
    ];

    public static readonly string[] AttentesEhpad =
    [
        "« Je voudrais continuer à aller au jardin quand il fait beau et voir ma fille le dimanche. »",
        "« Rester le plus possible autonome pour ma toilette. Je n'aime pas qu'on me presse. »",
        "« Je ne veux plus tomber. Je voudrais remarcher jusqu'à la salle à manger. »",
        "« Manger des choses que j'aime, pas toujours de la purée. »",
        "« Qu'on m'appelle par mon prénom et qu'on me laisse me lever tard. »",
        "« Continuer la messe du jeudi et les parties de cartes. »",
        "« Ne plus avoir mal la nuit. »",
        "« Garder mes affaires et mes photos, et qu'on frappe avant d'entrer. »",
        "« Voir mes petits-enfants plus souvent, même par la tablette. »",
    ];

    public static readonly string[] ParolesEhpad =
    [
        "Je me sens bien ici, mais le temps est long l'après-midi.",
        "Je suis d'accord avec ce qu'on a dit. Je veux surtout continuer à marcher.",
        "Ma fille a raison, je mange moins. Mais la viande est trop dure.",
        "Je ne veux pas qu'on me change de chambre.",
        "C'est bien, du moment qu'on me demande mon avis.",
    ];

    public static readonly ModeleObjectif[] ObjectifsEhpad =
    [
        new("Préserver la marche jusqu'à la salle à manger", "Fait le trajet avec son déambulateur au moins une fois par jour",
            [("Accompagner la marche avant chaque repas", "Déambulateur, un soignant à côté", Role.AideSoignant, null), ("Séances de kinésithérapie deux fois par semaine", "Kinésithérapeute libéral", null, "le kinésithérapeute")]),
        new("Prévenir les chutes la nuit", "Aucune chute nocturne sur trois mois",
            [("Installer un lit bas et un chemin lumineux jusqu'aux toilettes", "Lit bas, veilleuse", Role.Infirmier, null), ("Passer toutes les deux heures la nuit", "Planning de l'équipe de nuit", Role.Infirmier, null)]),
        new("Maintenir un bon état nutritionnel", "Poids stable à un kilo près, MNA de 12 ou plus",
            [("Peser chaque semaine et refaire le MNA", "Balance fauteuil", Role.Infirmier, null), ("Proposer des collations enrichies l'après-midi", "Compléments, goûter", Role.AideSoignant, null)]),
        new("Garder le lien avec sa famille", "Une visite ou un appel vidéo chaque semaine",
            [("Organiser un appel vidéo le dimanche", "Tablette de l'unité", Role.AideSoignant, null), ("Envoyer des nouvelles et photos des animations", "Courriel mensuel à la famille", Role.ChefDeService, null)]),
        new("Soulager la douleur", "Douleur inférieure à 3 sur 10 au lever",
            [("Évaluer la douleur chaque matin", "Échelle numérique ou Algoplus", Role.Infirmier, null), ("Adapter le traitement antalgique", "Consultation du médecin coordonnateur", Role.Medecin, null)]),
        new("Participer aux activités qui lui plaisent", "Au moins deux animations par semaine",
            [("Proposer l'atelier chant et le loto", "Planning d'animation affiché en chambre", Role.AideSoignant, null), ("Venir à l'animation", null, null, "la personne")]),
        new("Conserver l'autonomie pour la toilette du haut du corps", "Fait seul(e) sa toilette du visage et du buste",
            [("Toilette en stimulant, sans faire à sa place", "Temps de toilette allongé de dix minutes", Role.AideSoignant, null)]),
        new("Retrouver un sommeil réparateur", "Moins de deux réveils par nuit",
            [("Rituel du coucher : tisane, lumière tamisée, musique douce", "Habitudes de vie recueillies à l'admission", Role.Infirmier, null), ("Limiter la sieste à trente minutes", null, Role.AideSoignant, null)]),
        new("Apaiser les moments d'angoisse de fin de journée", "Moins d'épisodes d'agitation notés dans les transmissions",
            [("Promenade au jardin vers 17 h", null, Role.AideSoignant, null), ("Entretien avec la psychologue tous les quinze jours", null, Role.Psychologue, null)]),
        new("Prendre ses repas en salle à manger", "Mange en salle au moins une fois par jour",
            [("Installer à une table avec des voisins choisis", null, Role.AideSoignant, null), ("Adapter la texture des repas", "Avis de l'orthophoniste", Role.Infirmier, null)]),
    ];

    public static readonly (string Libelle, string Precision)[] PrestationsEhpad =
    [
        ("Aide à la toilette et à l'habillage", "Chaque matin, en stimulant ce qu'elle ou il fait seul(e)"),
        ("Surveillance et soins infirmiers", "Traitements, pansements, suivi du poids et de la douleur"),
        ("Animation et vie sociale", "Ateliers, sorties, fêtes de l'établissement"),
        ("Accompagnement psychologique", "Entretiens réguliers avec la psychologue"),
        ("Kinésithérapie", "Deux séances par semaine"),
        ("Restauration adaptée", "Texture et goûts respectés, collations"),
        ("Surveillance de nuit", "Passages réguliers, réponse aux appels"),
    ];

    // ---------------- IME ----------------

    public static readonly ModeleTransmission[] TransmissionsIme =
    [
        new("Comportement", CercleEcrit.Equipe, 0.25, [Role.Educateur],
        [
            ("{Prenom} s'est mis{e} en colère au moment de passer en atelier et a jeté son cahier.", "Temps au coin calme avec un éducateur, pictogramme « colère » montré et nommé.", "Retour au groupe après quinze minutes, a pu finir l'activité."),
            ("Bonne journée, {Prenom} a attendu son tour au jeu de société.", "Valorisé{e} devant le groupe.", "Très souriant{e} au départ du taxi."),
            ("Cris et morsure de la main lors du bruit de la sirène d'exercice.", "Casque anti-bruit proposé, sortie de la salle au calme.", "Apaisé{e} en dix minutes ; prévenir {Prenom} avant les prochains exercices."),
        ]),
        new("Apprentissages", CercleEcrit.Equipe, 0.0, [Role.Educateur],
        [
            ("A reconnu et écrit son prénom sans modèle.", "Exercice repris demain avec l'adresse.", "Content{e} de réussir."),
            ("Unité d'enseignement : bonne participation en lecture, a lu trois mots nouveaux.", null, "Progrès à partager avec la famille dans le cahier de liaison."),
            ("Atelier cuisine : a suivi la recette en images jusqu'au bout.", "Aide seulement pour peser la farine.", "Gâteau partagé au goûter, content{e} de le servir."),
        ]),
        new("Repas", CercleEcrit.Equipe, 0.0, [Role.Educateur],
        [
            ("Mange seul{e} avec la cuillère adaptée, renverse peu.", "Encouragements, assiette à rebord.", "Repas pris en entier."),
            ("Refuse de goûter les légumes.", "Petite quantité proposée sans insister, pictogramme « goûter » utilisé.", "A goûté les carottes."),
        ]),
        new("Relations", CercleEcrit.Equipe, 0.05, [Role.Educateur],
        [
            ("Conflit avec un camarade à la récréation pour un ballon.", "Médiation : chacun a pu dire ce qu'il ressentait.", "Ont rejoué ensemble l'après-midi."),
            ("Cherche à aider les plus jeunes au moment de l'habillage.", "Rôle de « grand » proposé pour le retour de piscine.", "A pris son rôle au sérieux."),
        ]),
        new("Transport", CercleEcrit.Equipe, 0.0, [Role.Educateur],
        [
            ("Arrivé{e} fatigué{e} du taxi, a peu dormi selon le chauffeur.", "Temps calme proposé en début de matinée.", "Plus disponible après la collation."),
            ("A attendu le taxi sans s'inquiéter, a dit au revoir au groupe.", null, "Départ serein."),
        ]),
        new("Famille", CercleEcrit.Equipe, 0.1, [Role.Educateur],
        [
            ("Cahier de liaison : la maman signale un week-end difficile, réveils la nuit.", "Information partagée avec l'équipe, vigilance sur la fatigue.", "Journée calme."),
            ("Appel du papa : rendez-vous chez l'orthodontiste mercredi, départ à 11 h.", "Noté au planning du groupe, taxi prévenu.", null),
        ]),
        new("Autonomie", CercleEcrit.Equipe, 0.0, [Role.Educateur],
        [
            ("A pris le bus de ville avec l'éducatrice jusqu'au marché et a payé seul{e} le pain.", "Itinéraire préparé avec des photos.", "Objectif du projet en bonne voie."),
            ("S'est habillé{e} seul{e} après la piscine avec le séquentiel en images.", null, "Dix minutes de moins que le mois dernier."),
        ]),
        new("Communication", CercleEcrit.Equipe, 0.0, [Role.Educateur],
        [
            ("Utilise de plus en plus le classeur de communication pour demander à boire.", "Classeur laissé à portée à chaque repas.", "Trois demandes spontanées aujourd'hui."),
            ("A montré le pictogramme « mal au ventre » en fin de matinée.", "Infirmière prévenue.", "Pas de douleur après être allé{e} aux toilettes."),
        ]),
        new("Santé", CercleEcrit.Soins, 0.5, [Role.Infirmier],
        [
            ("Crise d'épilepsie de deux minutes à 10 h 20 en atelier.", "Mise en sécurité, position latérale, protocole suivi, parents prévenus.", "Récupération en vingt minutes, a dormi ensuite."),
            ("Traitement du midi donné à 12 h 10.", null, null),
            ("Toux et nez qui coule, 37,8 °C.", "Parents appelés, reprise par la maman à 14 h.", null),
            ("Plaie au genou après une chute dans la cour.", "Nettoyage, pansement, parents informés dans le cahier.", "Plaie propre."),
        ]),
    ];

    public static readonly ModeleTexte[] TextesIme =
    [
        new(TypeEcrit.Observation, CercleEcrit.Psychologie, Role.Psychologue, false,
        [
            "Séance individuelle : {Prenom} exprime sa peur du changement de groupe à la rentrée. Travail avec des photos du futur groupe.",
            "Bilan des séances : meilleure tolérance à la frustration, utilise les pictogrammes des émotions.",
        ]),
        new(TypeEcrit.CompteRendu, CercleEcrit.Equipe, Role.ChefDeService, false,
        [
            "Rencontre avec les parents pour préparer la réunion de projet : ils souhaitent travailler l'autonomie dans les transports.",
            "Point avec l'enseignante de l'unité d'enseignement : progrès en lecture, poursuite de trois matinées par semaine.",
            "Demande de stage en ESAT envoyée pour le printemps ; visite prévue avec la famille.",
        ]),
        new(TypeEcrit.Observation, CercleEcrit.Equipe, Role.Educateur, false,
        [
            "Bonne semaine dans l'ensemble : {Prenom} participe davantage aux temps collectifs et demande moins souvent à s'isoler.",
            "Sortie au parc : a respecté les consignes de sécurité pour traverser la route.",
        ]),
    ];

    public static readonly string[] AttentesIme =
    [
        "« J'aime la piscine et je veux apprendre à nager. »",
        "« Je voudrais prendre le bus tout seul comme mon frère. »",
        "« Plus tard je veux travailler dans une cuisine. »",
        "« Je veux avoir des copains et aller au foot le mercredi. »",
        "« Je voudrais lire les histoires tout seul. »",
        "(Avec son classeur de pictogrammes) « Musique », « dehors », « maman ».",
    ];

    public static readonly string[] ParolesIme =
    [
        "Je suis content d'aller à la piscine. Je ne veux pas changer de groupe.",
        "Les parents souhaitent surtout plus d'autonomie pour les transports ; l'enfant a montré le pictogramme « bus ».",
        "Je veux faire un stage en cuisine.",
        "D'accord pour le projet. J'aime bien mon éducatrice.",
    ];

    public static readonly ModeleObjectif[] ObjectifsIme =
    [
        new("Développer la communication pour dire ses besoins", "Utilise le classeur de communication spontanément trois fois par jour",
            [("Séances individuelles avec le classeur de pictogrammes", "Orthophoniste, classeur de pictogrammes", null, "l'orthophoniste"), ("Utiliser les pictogrammes à chaque repas", null, Role.Educateur, null)],
            "1.2.1.2", "2.2.2"),
        new("Gagner en autonomie dans les déplacements", "Fait seul(e) le trajet de l'arrêt de bus à l'IME",
            [("Apprendre le trajet en bus, accompagné puis seul", "Itinéraire en photos, carte de bus", Role.Educateur, null)],
            "1.3.4.2", "2.3.4.3"),
        new("Apprendre à gérer ses émotions", "Moins de deux crises par semaine",
            [("Coin calme et pictogrammes des émotions", null, Role.Educateur, null), ("Entretiens avec le psychologue tous les quinze jours", null, Role.Psychologue, null)],
            "1.1.1", "2.2.3"),
        new("Progresser en lecture et en écriture", "Écrit son prénom et son adresse sans modèle",
            [("Unité d'enseignement trois matinées par semaine", "Enseignante de l'Éducation nationale", null, "l'enseignante"), ("Lecture d'un album chaque soir", null, null, "les parents")],
            "1.3.3.1", "2.3.3.1"),
        new("Préparer son orientation professionnelle", "Deux stages réalisés en ESAT",
            [("Chercher des stages en ESAT", null, Role.ChefDeService, null), ("Atelier cuisine chaque jeudi", null, Role.Educateur, null)],
            "1.3.3.2", "2.3.3.2"),
        new("Prendre soin de sa santé", "Accepte les soins dentaires au cabinet",
            [("Désensibilisation aux soins : visites du cabinet dentaire", null, Role.Infirmier, null)],
            "1.1.10", "2.1.1.2"),
        new("S'habiller seul(e)", "S'habille seul(e) après la piscine",
            [("Séquentiel en images au vestiaire", null, Role.Educateur, null)],
            "1.2.1.1", "2.2.1"),
        new("Participer à un loisir en dehors de l'IME", "Inscrit(e) dans un club et y va chaque semaine",
            [("Trouver un club de sport adapté près de chez lui ou elle", null, Role.Educateur, null), ("Accompagner aux premières séances", null, null, "les parents")],
            "1.3.4.1", "2.3.4.2"),
    ];

    /// <summary>A comment per SERAFIN-PH need, as a team writes it in the needs grid.</summary>
    public static readonly Dictionary<string, string> CommentairesBesoinsIme = new()
    {
        ["1.1.1"] = "Difficultés à gérer la frustration, crises lors des changements.",
        ["1.1.2"] = "Hypersensibilité au bruit.",
        ["1.1.4"] = "Langage oral limité à quelques mots.",
        ["1.1.10"] = "Refuse les soins dentaires, suivi de l'épilepsie.",
        ["1.2.1.1"] = "Aide pour s'habiller et pour la toilette après la piscine.",
        ["1.2.1.2"] = "Communique avec des pictogrammes.",
        ["1.2.1.3"] = "Se déplace seul(e) dans les locaux.",
        ["1.2.1.4"] = "Pas conscience du danger de la route.",
        ["1.3.3.1"] = "Apprentissages scolaires à l'unité d'enseignement.",
        ["1.3.3.2"] = "Projet professionnel à construire.",
        ["1.3.3.3"] = "Besoin de répétition et de supports visuels.",
        ["1.3.4.1"] = "Peu de loisirs en dehors de l'IME.",
        ["1.3.4.2"] = "Vient en taxi ; ne prend pas encore le bus seul(e).",
    };

    // ---------------- SSIAD ----------------

    public static readonly string[] AttentesSsiad =
    [
        "« Rester chez moi le plus longtemps possible. »",
        "« Que mon mari ne s'épuise pas à s'occuper de moi. »",
        "« Pouvoir encore faire mon jardin. »",
    ];

    public static readonly ModeleObjectif[] ObjectifsSsiad =
    [
        new("Rester à domicile en sécurité", "Aucune hospitalisation évitable sur six mois",
            [("Passage de l'aide-soignante matin et soir", null, null, "l'équipe du SSIAD"), ("Téléassistance installée", null, null, "la famille")]),
        new("Soutenir l'aidant", "L'aidant dit pouvoir souffler au moins une demi-journée par semaine",
            [("Présenter l'accueil de jour et la plateforme de répit", null, Role.Infirmier, null)]),
        new("Prévenir les chutes à domicile", "Aucune chute sur trois mois",
            [("Visite d'aménagement du logement avec l'ergothérapeute", null, null, "l'ergothérapeute"), ("Barres d'appui dans la salle de bains", null, null, "la famille")]),
    ];

    public static readonly (string Libelle, string Precision)[] PrestationsSsiad =
    [
        ("Soins d'hygiène et de confort", "Matin, sept jours sur sept"),
        ("Coordination avec le médecin traitant et l'infirmier libéral", "Point mensuel"),
        ("Soutien de l'aidant", "Information et orientation vers le répit"),
    ];
}
