/**
 * A small, hand-written concept lexicon for the social-policy domain of the plan 'Brugge draait om
 * mensen' (its 7 themes: children and youth, work, housing, health, care, nobody left behind, access
 * to help), in Dutch, French and English. Short notes about one topic rarely share a word ('uitstap',
 * 'schoolreis', 'zeeklas'), but they share a concept: similarity.ts adds a concept feature beside the
 * words of a note, so that such notes meet. Written from general knowledge of the domain, not from
 * any particular set of notes. A word may belong to more than one concept.
 *
 * Matching is on stems (the same stemmers as the notes), so list base forms. A Dutch compound counts
 * for the concept of its head ('daguitstap' → trips, 'huurprijs' → money), and more lightly for the
 * concept of its modifier ('huurprijs' → housing); a listed compound ('nachtopvang') wins over its parts.
 * Words whose stem is another common word are left out ('korting' → 'kort', short; 'training' → 'train').
 */
import type { Language } from './similarity';

type Words = { nl: string; fr?: string; en?: string };

/** Concept → its words per language (space-separated; Dutch also holds loanwords used in Dutch). */
export const CONCEPTS: Record<string, Words> = {
	// ---- theme 1: children and young people, school
	trips: {
		nl: `uitstap daguitstap schooluitstap schoolreis reis studiereis excursie zeeklas bosklas sneeuwklas
			boerderijklas openluchtklas skireis skiklas kamp schoolkamp bivak meerdaagse buitenland`,
		fr: `sortie excursion voyage séjour camp`,
		en: `trip excursion outing journey travel camp abroad`
	},
	meals: {
		nl: `maaltijd middagmaal eten middageten lunch soep boterham brooddoos ontbijt
			refter drank drinken drinkwater water melk fruit snack koek tussendoortje honger voeding`,
		fr: `repas cantine déjeuner soupe manger nourriture faim boisson tartine collation goûter`,
		en: `meal lunch food eat breakfast hungry hunger snack drink canteen sandwich`
	},
	schoolSupplies: {
		nl: `boek schoolboek handboek werkboek boekenlijst cursus kopie fotokopie schoolgerief schoolmateriaal
			materiaal schrift pennenzak boekentas schooltas`,
		fr: `livre manuel fournitures cahier cartable matériel`,
		en: `book textbook supplies stationery`
	},
	school: {
		nl: `school onderwijs klas leerkracht juf meester leerling les huiswerk studie studeren diploma rapport
			examen secundair middelbaar basisschool kleuterschool kleuter directie directeur schooljaar`,
		fr: `école enseignement enseignant professeur instituteur élève cours devoir classe diplôme`,
		en: `school education teacher pupil student class homework lesson exam`
	},
	studyChoice: {
		nl: `studiekeuze studierichting richting aso tso bso kso beroepsonderwijs beroeps technisch clb
			oriëntering attest watervalsysteem schoolloopbaan zittenblijven schoolverlaten`,
		fr: `orientation filière option redoublement`,
		en: `track orientation dropout`
	},
	childcare: {
		nl: `kinderopvang opvang crèche onthaalouder kinderdagverblijf buitenschoolse voorschoolse naschoolse
			oppas babysit`,
		fr: `garderie crèche accueil nounou`,
		en: `childcare nursery daycare babysitter`
	},
	// ---- theme 2: work
	work: {
		nl: `werk job werken werkloos werkzoekend vacature sollicitatie solliciteren vdab werkgever baas
			contract interim uitzendkantoor stage opleiding loopbaan ontslag tewerkstelling werkvloer`,
		fr: `travail emploi chômage boulot employeur stage formation`,
		en: `work job unemployed employer interview career`
	},
	// ---- theme 3: a roof over your head
	housing: {
		nl: `wonen woning huis huur huren huurder appartement studio verhuurder huisbaas eigenaar wachtlijst
			dak dakloos thuisloos nachtopvang noodwoning uithuiszetting vocht schimmel verhuizen`,
		fr: `logement loyer louer propriétaire appartement abri expulsion humidité déménager`,
		en: `housing house home rent landlord flat apartment homeless eviction damp mould`
	},
	energy: {
		nl: `energie energiefactuur gas elektriciteit stroom verwarming verwarmen budgetmeter isolatie`,
		fr: `énergie gaz électricité chauffage`,
		en: `energy gas electricity heating`
	},
	// ---- theme 4: good health
	health: {
		nl: `gezondheid gezond ziek ziekte dokter huisarts arts ziekenhuis apotheek medicatie medicijn
			tandarts tandzorg bril ziekenfonds mutualiteit pijn`,
		fr: `santé malade maladie médecin hôpital pharmacie dentiste médicament mutuelle`,
		en: `health healthy sick illness doctor hospital pharmacy dentist medicine`
	},
	mentalHealth: {
		nl: `stress angst depressie psycholoog psychisch mentaal piekeren burnout zelfmoord slapen slaap
			welbevinden`,
		fr: `anxiété dépression psychologue stress suicide`,
		en: `stress anxiety depression mental psychologist suicide`
	},
	// ---- theme 5: caring for each other
	care: {
		nl: `mantelzorg mantelzorger thuiszorg gezinszorg verpleging woonzorgcentrum rusthuis senior bejaarde
			dementie zorgverlening`,
		fr: `aidant soins infirmier`,
		en: `carer caregiver nursing elderly dementia`
	},
	loneliness: {
		nl: `eenzaam isolement ontmoeting ontmoeten buren buurman buurvrouw babbel gezelschap
			vrienden vriend bezoek samenkomen`,
		fr: `seul solitude isolé voisin rencontre ami`,
		en: `lonely loneliness alone isolated neighbour friend visit`
	},
	// ---- theme 6: nobody left behind
	money: {
		nl: `geld kost kosten prijs duur betalen betaling factuur rekening euro budget sparen afbetalen
			afbetaling gratis goedkoop tegemoetkoming premie toelage schooltoelage studietoelage
			maximumfactuur`,
		fr: `argent coût coûter cher prix payer facture gratuit réduction`,
		en: `money cost expensive price pay bill free cheap afford discount`
	},
	debt: {
		nl: `schuld schuldbemiddeling budgetbeheer achterstal deurwaarder incasso afbetalingsplan`,
		fr: `dette huissier`,
		en: `debt arrears bailiff`
	},
	income: {
		nl: `inkomen loon uitkering leefloon pensioen ocmw`,
		fr: `revenu salaire allocation pension cpas`,
		en: `income wage benefit pension`
	},
	poverty: {
		nl: `armoede arm schaamte schamen stigma uitsluiting ongelijkheid discreet anoniem kansarm`,
		fr: `pauvreté pauvre honte stigmate exclusion inégalité discret anonyme`,
		en: `poverty poor shame ashamed stigma exclusion inequality discreet anonymous`
	},
	foodAid: {
		nl: `voedselbank voedselhulp voedselpakket kruidenier`,
		fr: `alimentaire`,
		en: `foodbank`
	},
	clothing: {
		nl: `kleren kleding kledij schoenen jas uniform`,
		fr: `vêtement habit chaussure uniforme`,
		en: `clothes clothing shoes coat uniform`
	},
	leisure: {
		nl: `vrijetijd sport sportclub jeugdbeweging scouts chiro muziekschool academie zwembad zwemmen
			speelplein spelen hobby cultuur museum theater bibliotheek film vakantie`,
		fr: `loisir sport piscine musée bibliothèque vacances`,
		en: `leisure sport swimming library holiday museum`
	},
	mobility: {
		nl: `bus tram trein vervoer halte fiets fietsen auto rijbewijs parkeren mobiliteit verplaatsen
			belbus taxi`,
		fr: `transport vélo voiture permis arrêt train`,
		en: `transport bike bicycle car licence train`
	},
	digital: {
		nl: `laptop computer pc tablet printer printen wifi internet smartphone gsm scherm toestel software
			app digitaal online website mail email inloggen wachtwoord`,
		fr: `ordinateur tablette imprimante internet wifi numérique ligne portable courriel`,
		en: `laptop computer device printer online digital phone email password internet wifi app`
	},
	neighbourhood: {
		nl: `buurt wijk straat park plein groen zwerfvuil afval lawaai verlichting buurtcentrum`,
		fr: `quartier rue parc`,
		en: `neighbourhood street park litter noise`
	},
	safety: {
		nl: `geweld veilig onveilig pesten gepest misbruik agressie politie diefstal inbraak overlast`,
		fr: `violence harcèlement police sécurité`,
		en: `violence bullying police unsafe safe abuse`
	},
	disability: {
		nl: `beperking handicap rolstoel toegankelijk blind doof autisme`,
		fr: `handicap fauteuil accessible`,
		en: `disability wheelchair accessible`
	},
	migration: {
		nl: `nieuwkomer vluchteling asiel migrant verblijfsvergunning inburgering`,
		fr: `réfugié migrant asile`,
		en: `newcomer refugee asylum migrant`
	},
	// ---- theme 7: access to help and services
	language: {
		nl: `taal nederlands frans engels vertalen vertaling tolk anderstalig taalles taalcursus moedertaal`,
		fr: `langue néerlandais français traduction traduire interprète`,
		en: `language dutch french english translate translation interpreter`
	},
	information: {
		nl: `informatie info uitleg brief bericht nieuwsbrief communicatie communiceren folder brochure
			melding oudercontact`,
		fr: `information lettre courrier message explication`,
		en: `information letter message newsletter explain`
	},
	paperwork: {
		nl: `formulier papieren aanvraag administratie document loket afspraak wachttijd dossier rechten`,
		fr: `formulaire démarche administration guichet dossier droits`,
		en: `form paperwork application appointment office rights`
	}
};
