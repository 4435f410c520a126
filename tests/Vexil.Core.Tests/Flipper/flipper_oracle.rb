# Asks the real Flipper gem (Debian's ruby-flipper) to decide the cases Vexil's tests send on standard input,
# so the engine is checked against Flipper itself rather than against our reading of it.
# Input: a JSON array of cases; output: a JSON array of {"state": "...", "results": [true/false per check]}.
require 'json'
require 'flipper'
require 'flipper/adapters/memory'

Actor = Struct.new(:flipper_id)

def percentage(text)
  text.include?('.') ? text.to_f : text.to_i
end

cases = JSON.parse($stdin.read)
answers = cases.map do |c|
  Flipper.unregister_groups
  c['group_members'].each do |name, members|
    Flipper.register(name.to_sym) { |actor| members.include?(actor.value) }
  end

  flipper = Flipper.new(Flipper::Adapters::Memory.new)
  feature = flipper[c['flag']]
  feature.add
  # Boolean first: enabling it later would clear the other gates, and mixed states are what we want to compare.
  feature.enable if c['boolean']
  c['actors'].each { |id| feature.enable_actor(Actor.new(id)) }
  c['groups'].each { |name| feature.enable_group(name.to_sym) }
  feature.enable_percentage_of_actors(percentage(c['percentage_of_actors'])) if c['percentage_of_actors'] != '0'
  feature.enable_percentage_of_time(percentage(c['percentage_of_time'])) if c['percentage_of_time'] != '0'

  results = c['checks'].map { |id| id.nil? ? feature.enabled? : feature.enabled?(Actor.new(id)) }
  { 'state' => feature.state.to_s, 'results' => results }
end

puts JSON.generate(answers)
