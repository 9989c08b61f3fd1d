"""Words any scene may evoke: a retelling may use them although this turn's text does not.

Everything else a narrated sentence says must come from this turn's outcome, scene, items, characters and the
story's aliases for them: a word from nowhere is how a small model invents a beer, a seagull or a sauna. The
list holds no concrete objects, drinks, people or places; it was grown from the dev half of
tests/turn/narration_gate_cases.yaml and real embedded narrations (verbs of posture, sight, sound and motion;
light, weather, temperature and texture; time of day; the body; feelings), never from the held-out half.
"""

from __future__ import annotations

SHARED_WORDS = frozenset("""
stand stands standing stood sit sits sitting sat lie lies lying lay rest rests resting lean leans leaning
hang hangs hanging wait waits waiting stay stays remain remains linger lingers keep keeps kept hold holds held
see sees seeing saw seen watch watches watching notice notices noticing hear hears heard listen listens
smell smells scent scents taste sense senses find finds found spot spots glimpse glance glances gaze gazes
stare stares
walk walks walking stroll wander wanders move moves moving turn turns turning reach reaches pause pauses
stop stops follow follows lead leads leading go goes going come comes coming arrive
rise rises rising fall falls falling drift drifts drifting float floats sway sways swaying shift shifts
settle settles spread spreads stretch stretches stretching curl curls wind winds winding run runs running
glow glows glowing shine shines shining gleam gleams glint glints flicker flickers flickering shimmer shimmers
sparkle sparkles twinkle fade fades fading
sound sounds echo echoes hum hums humming whisper whispers whispering murmur murmurs rustle rustles creak
creaks creaking tick ticks drum drums drumming patter roar roars sigh sighs
make makes seem appear appears become becomes begin begins wrap wraps fill fills filled cover covers covered
surround surrounds surrounding meet meets welcome welcomes greet greets invite invites inviting
light lights dark darkness shadow shadows shade gloom glow dim bright brightness pale grey gray gold golden
silver black white blue green red yellow orange brown purple
air wind breeze sky cloud clouds rain snow fog mist frost cold chill warm warmth heat cool damp wet dry
night evening morning dawn dusk day twilight hour time moment while
quiet quietly silence silent still stillness calm peace peaceful gentle soft softly hush loud noise
hard rough smooth heavy light thin thick tall low high deep narrow wide broad big large tiny huge
old new ancient worn faded weathered familiar strange empty full whole half edge side corner middle centre
center far near close distant nearby around beneath below above beside behind ahead inside outside along
toward towards alone together
place space world way path here there everything something nothing someone anyone everyone anything
hand hands arm arms shoulder shoulders head heart chest skin fingers finger eyes eye face cheek cheeks
breath breathe breathing foot feet legs body ears
feel feels feeling felt sense comfort comfortable safe tired rest slow slowly easy ease soft kind kindly
welcome home waiting careful carefully
past beyond between among against amid underneath beside besides throughout until since across onward
array variety grand vast entire public rectangular square round cozy cosy snowy rainy misty lovely beautiful serene
simple plain lonely sleepy tidy neat bare inviting pleasant quaint rustic cheerful patient
floor ground say says said smile smiles smiling nod nods laugh laughs shrug shrugs
first last next once ever never always already almost nearly perhaps maybe enough
""".split())
