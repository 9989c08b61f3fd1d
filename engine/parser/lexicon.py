"""A small general English lexicon: verbs and nouns that mean the same in a scene, tried only when the story's
own words fail ("bang on the door" where the story says knock, "the rock" where it says stone).

The groups are everyday English, in the spirit of WordNet synsets, never one story's vocabulary: a word stands
for a story word only when both are in one group, and the story's own words are always tried first."""

from __future__ import annotations

from engine.parser.kinds import kinds_of

# Verb phrases (spelt as `words_of` spells them: no articles) that can stand for one another.
VERB_GROUPS: tuple[frozenset[str], ...] = tuple(frozenset(group.split(",")) for group in (
    "take,get,grab,pick up,pick,pluck,snatch,nab,fetch,retrieve,fish,fish out,scoop up,scoop,gather,collect,"
    "pocket,seize,harvest,pull out,take out,lift out,carry,lug,heft,unhook,unclip,reach for,take hold of,"
    "grab hold of,get hold of,help myself to,bring,keep,borrow,have borrow of,snap off,pick off,pull off,break off,"
    # Slang for taking: "nick the biro", "pinch a biscuit", "swipe the keys".
    "nick,pinch,swipe,snaffle,cadge,scrounge,liberate,bag",
    "give,hand,hand over,hand back,pass,pass over,offer,present,gift,give back,return,pay,bring,share,share with,"
    # Tossing a thing to someone is giving it: "chuck the pup a biscuit", "toss Tom the apple".
    "toss,chuck,lob",
    "knock,bang,rap,tap,pound,hammer,thump,knock on,bang on,rap on,tap on,pound on,hammer on,thump on",
    "fill,top up,refill,replenish,fill up,top off,pour,pour out,refuel,fuel",
    # Water is fetched by filling something with it: "get some water" where the story fills the can at the tap.
    "fill,get water,fetch water,draw water,collect water,run water",
    # A drink is made by filling its cup: "make a cuppa", "brew some tea" where the story says fill the mug.
    "fill,make,brew",
    "board,hop aboard,climb aboard,get aboard,go aboard,step aboard,jump aboard,embark,get on,hop on,climb on,"
    "step on,jump on",
    "wait,hang around,hang about,linger,stick around,wait around,bide,hold on,loiter,hang on,sit tight,do nothing,"
    "bide time,stay put,stand still,wait while,wait bit,wait moment",
    "open,unlatch,unfasten,undo,prise open,pry open,force open,work open,get open,push open,pull open,unbolt",
    # Working at a stiff fastening is trying to open it: "fiddle with the catch", "jiggle the latch".
    "open,fiddle with,jiggle,wiggle,work at,work loose,fiddle",
    "close,shut,slam,push shut,pull shut",
    # Leaving a thing where one is: "leave the tape here", "put the box down".
    "drop,leave,leave behind,put down,set down,discard,ditch,abandon",
    "examine,inspect,peer at,gaze at,stare at,observe,scrutinise,scrutinize,view,eye,study,glance at,peek at,count",
    # Looking, said with a noun: "take a gander at the map", "have a squint at it".
    "examine,take gander at,have gander at,take squint at,have squint at,take glance at,have glance at,"
    "take peek at,have peek at,have dekko at,take dekko at,gawp at,goggle at,survey,scan",
    # Looking by a quick or sly glance is still looking: "peek under the mat" where the story says look under.
    "look,peek,peep,peer,glance,have peek,take peek,sneak look,gaze,stare",
    # Shifting a thing a little: "shift the pot aside" where the story says move it.
    "move,shift,budge,nudge,slide,edge,drag",
    # Putting a thing somewhere, said casually: "pop it in the oven", "stick the key in the lock".
    "put,pop,stick,place,plonk,insert,slot,bung,chuck,toss,shove,stuff,dump",
    "light,ignite,kindle,relight,switch on,turn on,fire up,set alight,make fire,build fire,start fire,kindle fire,"
    "light fire,get fire going,set fire to,strike match,strike matches",
    "make,brew,prepare,boil,cook,mix,stir,whip up,rustle up,fix up",
    "sit,sit down,perch,settle,take seat,sit on,sit down on",
    "breathe,inhale,exhale,breathe deeply,catch breath",
    "read,peruse,leaf through,flip through,browse,skim",
    "push,shove,press",
    "pull,tug,yank,heave",
    # Raising a fixed thing to see under it: "pick the mat up" where the mat cannot be taken.
    "lift,raise,lift up,pick up,turn over,flip over,flip up,tip up,overturn,heave up,tip,tilt,tip back,move aside,"
    "shift aside,push aside,nudge aside,slide aside",
    "touch,feel,stroke,pat,caress",
    "hug,embrace,cuddle,hold",
    "search,rummage,rummage through,rummage in,hunt through,look through,dig through",
    "smell,sniff",
    # Sensing a thing closely is looking at it, where the story has no deed of smelling: "smell the soup".
    "examine,smell,sniff,sniff at,have sniff of,take sniff of,have smell of,take smell of",
    "listen,listen to,hear",
    "throw,toss,chuck,fling,lob,flip",
    "climb,scale,clamber,clamber up,climb up",
    "show,present,display",
    "ring,sound",
    "ring,toll",
    "comfort,console,reassure,soothe",
    "rest,lie down,lie,lie on,lie in,have rest,take rest,nap,have nap,take nap,doze,put feet up",
    "watch,keep eye out,keep eye out for,look out for,look for,keep watch,keep lookout,scan,look out",
    # Taking in a view: "enjoy the sunrise", "admire the view" where the story says watch it.
    "watch,admire,enjoy,savour,savor,behold,drink in",
    "release,let go,let go of,set free,free,let loose",
    "pay,pay for,pay fare,settle up",
    "talk,talk to,speak to,chat with,chat to,converse with",
    # Everyday deeds a story may name with one word where the player uses another (WordNet-like synsets).
    "feed,give food to,nourish",
    "pet,stroke,pat,fuss,fuss over,scratch,cuddle",
    "wake,rouse,wake up,awaken,stir",
    "eat,munch,nibble,chew,devour,scoff,have bite of,take bite of,taste",
    "drink,sip,gulp,swig,have sip of,take sip of,quaff,have drink of",
    "call,phone,ring,dial,telephone,ring up,phone up,call up",
    "write,scribble,jot,jot down,note down,sign,write down,pen",
    "dig,excavate,shovel,burrow,dig up",
    "cut,slice,snip,chop,trim,saw,cut through",
    # Trimming is tidying to shape: "tidy the wick up", "neaten the hedge".
    "trim,tidy,tidy up,neaten,neaten up",
    "tie,knot,fasten,attach,bind,lash,secure,tie up,fix",
    "untie,unknot,loosen,undo,untangle,unravel",
    "wash,rinse,clean,scrub,wipe,wash up",
    "hide,conceal,tuck away,stash",
    "swim,paddle,wade,bathe,dip",
    "jump,leap,hop,spring",
    "wave,signal,gesture,beckon,wave at,wave to",
    "shout,yell,call out,holler,cry out,bellow",
    "sleep,nap,doze,snooze,kip,get sleep,go to sleep,have kip,get kip,grab sleep,catch sleep,get nap,grab nap,"
    "catch nap,get shuteye,have sleep,nod off,go to bed,head to bed,off to bed,time for bed,turn in,hit hay,"
    "hit sack,call it night,bedtime,get some sleep,get to bed",
    "fix,repair,mend,patch,patch up",
    "plant,sow,bury",
    "unlock,unbolt,unlatch",
    "lock,padlock,lock up,bolt,secure,fasten",
    # Setting a control: "set the heating to low", "twist the dial down" where the story says adjust it.
    "adjust,set,twist,twiddle,tweak,regulate,turn,turn down,turn up",
    # Turning a device on, said as people say it: "flick the torch on", "put the radio on", "shine my torch".
    "switch on,turn on,flick on,flip on,click on,put on,power on,shine",
    "switch off,turn off,flick off,flip off,click off,power off,shut off",
    "play,strum,pluck,play on",
))

# Nouns and adjectives that name the same kind of thing.
NOUN_GROUPS: tuple[frozenset[str], ...] = tuple(frozenset(group.split(",")) for group in (
    "rock,stone,pebble",
    "catch,latch,bolt,clasp",
    "beach,shore,sand,sands,coast,seashore,seaside,shingle,strand,foreshore,shoreline,waterside,tideline",
    "woman,lady",
    "man,gentleman,guy,fellow,chap,bloke",
    "child,kid,kids,children,youngster,boy,girl",
    "big,great,large,huge,giant,enormous",
    "small,little,tiny,wee",
    "flower,flowers,bloom,blossom",
    "lamp,lantern,light",
    "boat,ship,ferry,vessel,barge",
    "gangway,gangplank,plank,ramp",
    # Nautical names for the ends of a vessel, which stories give to scenes ("The Bow", "The Stern").
    "front,bow,prow,fore,forward,forwards",
    "stern,aft,rear,astern",
    "money,coins,cash,change,fare,coin",
    "door,doorway,entrance,doors",
    "timetable,schedule,times,bus times",
    "house,home,cottage",
    "path,track,trail,lane",
    "stairs,staircase,steps,stairway",
    "cup,mug,tea,cuppa,coffee,cocoa,drink,flask,thermos",
    "book,volume,tome,novel",
    "picture,painting,photo,photograph,image",
    "coin,penny",
    "rabbit,bunny",
    "sea,ocean,waves",
    "old,elderly,aged",
    "grey,gray",
    "bench,seat",
    # A ship's rooms and a waterway's edges by their everyday names: "go to the kitchen" is the galley.
    "kitchen,galley,scullery",
    "shed,lockup,lock-up,storeroom,outhouse,outbuilding",
    "bank,riverbank,bankside,towpath,embankment,canalside",
    "pole,stick,rod,staff",
    "key,keys",
    "box,crate,carton",
    "card,pass",
    "toy,plaything",
    "bag,sack",
    "pool,pools,rockpool,rock pool",
    "garden,yard",
    # A piece of ground one tends: "my patch" is the plot.
    "plot,patch,allotment",
    "kettle,teapot,pot",
    "matches,matchbox,match",
    "oil,fuel",
    # Where a fire is made names the fire: "get the fire going" at an oven, a stove or a hearth.
    "fire,fireplace,hearth,stove,oven,firebox,woodstove,grate,furnace,burner",
    "bread,loaf,loaves,bun,roll",
    "note,letter,message",
    "tank,aquarium",
    # A lighthouse is a tower; the day's first light has many names ("stay out till morning" = until dawn).
    "tower,lighthouse",
    "dawn,morning,sunrise,daybreak,sunup,first light,sun",
))


# Verb words and their opposites: a reading whose verb the player's words contradict is never taken.
ANTONYM_PAIRS: tuple[tuple[str, str], ...] = (
    ("on", "off"), ("on", "put out"), ("on", "blow out"), ("on", "extinguish"), ("open", "close"),
    ("open", "shut"), ("lock", "unlock"), ("light", "extinguish"),
    ("light", "put out"), ("light", "blow out"), ("light", "douse"), ("light", "snuff"), ("light", "switch off"),
    ("light", "turn off"), ("fill", "empty"), ("tie", "untie"), ("fasten", "unfasten"), ("raise", "lower"),
    ("start", "stop"), ("wake", "sleep"), ("take", "put back"), ("take", "leave"), ("give", "keep"),
    ("buy", "sell"), ("push", "pull"), ("board", "get off"), ("board", "disembark"), ("enter", "leave"),
)


def antonyms(word: str) -> frozenset[str]:
    """Verb words that say the opposite of `word` ("on" -> off; "light" -> put out, extinguish...)."""
    return frozenset({b for a, b in ANTONYM_PAIRS if a == word} | {a for a, b in ANTONYM_PAIRS if b == word})


def _index(groups: tuple[frozenset[str], ...]) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for group in groups:
        for phrase in group:
            index.setdefault(phrase, set()).update(group - {phrase})
    return {phrase: frozenset(others) for phrase, others in index.items()}


_VERBS = _index(VERB_GROUPS)
_NOUNS = _index(NOUN_GROUPS)
VERB_HEADS = {tuple(phrase.split()) for phrase in _VERBS}


def verb_synonyms(phrase: tuple[str, ...]) -> frozenset[str]:
    """Other verb phrases that may mean `phrase` ("bang" -> knock, rap, ...)."""
    return _VERBS.get(" ".join(phrase), frozenset())


def noun_synonyms(word: str) -> frozenset[str]:
    """Other words that may name what `word` names ("rock" -> stone, pebble)."""
    return _NOUNS.get(word, frozenset())


# Nouns whose plural turns f/fe into -ves.
_F_PLURALS = {"loaf", "leaf", "shelf", "half", "knife", "wife", "life", "wolf", "calf", "scarf", "hoof", "thief",
              "sheaf", "elf", "self", "wharf", "dwarf"}


def singular(word: str) -> str:
    """A crude singular ("flowers" -> "flower", "boxes" -> "box"), for matching plural to singular."""
    if len(word) > 4 and word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if len(word) > 4 and word.endswith("ves") and word[:-3] + "f" in _F_PLURALS:
        return word[:-3] + "f"  # "loaves", "shelves", "leaves" (but "gloves", "stoves" keep their v)
    if len(word) > 4 and word.endswith("ves") and word[:-3] + "fe" in _F_PLURALS:
        return word[:-3] + "fe"  # "knives", "wives"
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


# British and American spellings of one word: "harbor" is the harbour, "theater" the theatre, "gray" grey.
_SPELLINGS = (("our", "or"), ("tre", "ter"), ("ise", "ize"), ("yse", "yze"), ("ogue", "og"))


def spellings(word: str) -> list[str]:
    """The other spelling(s) of a word that British and American English spell differently."""
    found = []
    for one, other in _SPELLINGS:
        for a, b in ((one, other), (other, one)):
            if len(word) > len(a) + 2 and word.endswith(a):
                found.append(word[:-len(a)] + b)
            elif len(word) > len(a) + 3 and word[:-1].endswith(a) and word[-1] == "s":
                found.append(word[:-len(a) - 1] + b + "s")
    return found


def stands_for(word: str, vocabulary: set[str]) -> str | None:
    """The vocabulary word `word` may stand for: itself, its singular or plural, a synonym, or a compound that ends
    in it ("goldfish" -> "fish"); None when nothing fits."""
    if word in vocabulary:
        return word
    for form in (singular(word), word + "s", word + "es", *spellings(word)):
        if form in vocabulary:
            return form
    for other in (*noun_synonyms(word), *noun_synonyms(singular(word))):
        if other in vocabulary:
            return other
    kinds = [k for k in sorted(kinds_of(word) | kinds_of(singular(word))) if k in vocabulary]
    if kinds:
        return kinds[0]  # "the flowers" for the sprig of lavender (one thing's words: any of them will do)
    if len(word) >= 6:
        # A compound names its head: "goldfish" is a fish, "seashell" a shell (heads of four letters or more).
        for known in vocabulary:
            if len(known) >= 4 and word.endswith(known):
                return known
    return None
