"""Kinds of things, in the spirit of WordNet's hypernyms: a general word ("the flowers", "the bird", "the tool")
names a thing whose own name is one of its kinds ("sprig of lavender", "gull", "hammer"). One way only: "the
lavender" never means some other flower."""

from __future__ import annotations

_KINDS: dict[str, str] = {
    "flower": "lavender,rose,daisy,tulip,lily,poppy,violet,bluebell,primrose,heather,marigold,sunflower,orchid,"
              "carnation,posy,bouquet,snowdrop,daffodil,buttercup,foxglove,sprig,bunch,geranium,iris,thrift",
    "herb": "lavender,rosemary,thyme,mint,basil,sage,parsley,chamomile,sprig",
    "plant": "fern,moss,ivy,rosemary,lavender,herb,herbs,flower,seaweed,kelp,geranium,cactus,bush,shrub,sapling,"
             "weed,weeds,reeds,grass,heather",
    "bird": "gull,seagull,crow,robin,blackbird,owl,heron,pigeon,sparrow,wren,magpie,cormorant,puffin,tern,swan,"
            "duck,goose,hen,chicken,raven,rook,starling,oystercatcher,curlew,kestrel,hawk,thrush,finch,parrot,"
            "budgie,canary",
    "animal": "dog,cat,crab,fish,bird,horse,sheep,cow,goat,fox,rabbit,mouse,hedgehog,seal,starfish,anemone,shrimp,"
              "prawn,snail,frog,toad,pony,donkey,puppy,kitten,deer,hare,squirrel,badger,otter,owl,gull,hen,lamb,"
              "pig,goldfish,limpet,jellyfish,octopus,lobster",
    "fish": "minnow,trout,goby,blenny,goldfish,eel,salmon,mackerel,cod,herring,sprat,sardine,carp,pike",
    "dog": "puppy,pup,hound,collie,terrier,spaniel,labrador,sheepdog,mutt,retriever,whippet,lurcher",
    "cat": "kitten,tabby,moggy,tomcat",
    "drink": "tea,coffee,cocoa,water,milk,juice,lemonade,chocolate,soup,cuppa,brew",
    "food": "bread,loaf,biscuit,cake,apple,sandwich,bun,roll,scone,cheese,soup,chocolate,toffee,sweets,crisps,"
            "pie,pasty,stew,porridge,egg,eggs,berries,fruit,apples,carrots,carrot,snack",
    "snack": "biscuit,cake,apple,sandwich,bun,scone,chocolate,toffee,sweets,crisps,bar,flapjack",
    "fruit": "apple,pear,orange,banana,plum,berries,grapes,cherries,strawberries,lemon",
    "tool": "hammer,spade,shovel,trowel,saw,axe,chisel,spanner,wrench,screwdriver,pliers,crowbar,knife,rake,hoe,"
            "pole,hook,net,oar",
    "container": "box,jar,tin,bucket,pail,bag,sack,basket,crate,bottle,pot,can,chest,case,bin,barrel,jug,flask",
    "light": "lantern,lamp,torch,candle,flashlight,headtorch",
    "paper": "letter,note,card,map,ticket,leaflet,poster,page,photo,postcard,envelope,list,receipt,sheet,notice",
    "book": "diary,journal,logbook,notebook,guestbook,album,ledger,novel,atlas,register",
    "shell": "seashell,conch,cockle,whelk,scallop,periwinkle,winkle,mussel",
    "creature": "crab,starfish,anemone,shrimp,prawn,limpet,jellyfish,octopus,lobster,snail,seal,fish,bird,dog,cat,"
                "frog,toad,mouse,hedgehog",
    "instrument": "fiddle,violin,guitar,piano,flute,harmonica,accordion,whistle,drum",
    "seat": "chair,stool,bench,sofa,armchair,settee,pew",
    "bed": "bunk,cot,hammock,mattress",
    "furniture": "chair,table,bench,stool,sofa,bed,bunk,desk,dresser,wardrobe,cupboard,shelf,armchair",
    "vehicle": "boat,car,bike,bicycle,van,bus,cart,wagon,truck,tractor,train",
    "clothes": "apron,coat,jacket,scarf,hat,gloves,boots,socks,jumper,sweater,cardigan,shawl,cloak,mittens",
    "rock": "boulder,stone,pebble,rocks",
    "cup": "mug,teacup,beaker,glass",
    "key": "keys",
}
KINDS: dict[str, frozenset[str]] = {general: frozenset(kinds.split(",")) for general, kinds in _KINDS.items()}
# Plural general words name the same kinds: "the flowers", "the birds", "the clothes".
for _general in list(KINDS):
    KINDS.setdefault(_general + "s", KINDS[_general])


def kinds_of(word: str) -> frozenset[str]:
    """The specific names `word` covers as their kind ("flowers" -> lavender, rose, ...)."""
    return KINDS.get(word, frozenset())
