package io.github.vectororm.examples.animals;

import java.util.List;

/**
 * An animal of the walk-through: its name, a one-line description (what gets embedded, with the name) and
 * whether it lives in the sea, which the output shows so you can judge the neighbors at a glance.
 *
 * @param name the animal
 * @param description a short description
 * @param marine whether it lives in the sea
 */
public record Animal(String name, String description, boolean marine) {

    /** @return the text embedded for this animal */
    public String embeddingText() {
        return name + ": " + description;
    }

    /** Forty animals of sea, land and air. */
    public static final List<Animal> ALL = List.of(
            new Animal("shark", "a large predatory fish with rows of sharp teeth", true),
            new Animal("dolphin", "an intelligent marine mammal that swims in pods", true),
            new Animal("whale", "the largest mammal, breathing air at the ocean surface", true),
            new Animal("orca", "a black and white toothed whale that hunts seals", true),
            new Animal("octopus", "an eight-armed mollusc that hides in reefs", true),
            new Animal("squid", "a fast cephalopod with ten arms and ink", true),
            new Animal("jellyfish", "a drifting sea creature with stinging tentacles", true),
            new Animal("stingray", "a flat fish with a venomous tail that glides over sand", true),
            new Animal("tuna", "a fast, torpedo-shaped ocean fish", true),
            new Animal("seal", "a marine mammal with flippers that rests on ice and rocks", true),
            new Animal("sea turtle", "a reptile with a shell that swims across oceans", true),
            new Animal("crab", "a crustacean with claws that walks sideways on the beach", true),
            new Animal("lobster", "a crustacean with large claws living on the sea floor", true),
            new Animal("starfish", "a star-shaped echinoderm clinging to rocks in tide pools", true),
            new Animal("seahorse", "a small fish that swims upright among seagrass", true),
            new Animal("clownfish", "a small orange fish living among anemones", true),
            new Animal("lion", "a big cat that lives in prides on the savanna", false),
            new Animal("tiger", "a striped big cat of Asian forests", false),
            new Animal("elephant", "a huge grey mammal with a trunk and tusks", false),
            new Animal("giraffe", "a tall African mammal with a very long neck", false),
            new Animal("zebra", "a black and white striped horse of Africa", false),
            new Animal("wolf", "a wild dog that hunts in packs", false),
            new Animal("fox", "a small clever wild dog with a bushy tail", false),
            new Animal("bear", "a large heavy mammal that hibernates in winter", false),
            new Animal("rabbit", "a small mammal with long ears that lives in burrows", false),
            new Animal("horse", "a domesticated hoofed mammal ridden by people", false),
            new Animal("cow", "a farm animal kept for milk", false),
            new Animal("dog", "a loyal domesticated companion of humans", false),
            new Animal("cat", "a small domesticated feline that catches mice", false),
            new Animal("mouse", "a tiny rodent with a long tail", false),
            new Animal("eagle", "a large bird of prey with keen eyesight", false),
            new Animal("owl", "a nocturnal bird of prey that hoots", false),
            new Animal("parrot", "a colourful tropical bird that can mimic speech", false),
            new Animal("sparrow", "a small brown songbird of towns and gardens", false),
            new Animal("penguin", "a flightless seabird that swims in cold southern waters", true),
            new Animal("crocodile", "a large reptile with powerful jaws in tropical rivers", false),
            new Animal("snake", "a legless reptile that swallows its prey whole", false),
            new Animal("frog", "an amphibian that jumps and croaks near ponds", false),
            new Animal("bee", "a flying insect that makes honey and pollinates flowers", false),
            new Animal("butterfly", "an insect with large colourful wings", false));
}
